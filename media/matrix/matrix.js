// The matrix webview: renders the counts it is sent; a click on a cell asks the extension for its passages.
// No inline styles or handlers (the Content Security Policy forbids them), no remote content.
(function () {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('matrix');
  const hint = document.getElementById('hint');

  function render(data) {
    root.textContent = '';
    const table = document.createElement('table');
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-label', data.title);
    const head = table.createTHead().insertRow();
    head.appendChild(document.createElement('th'));
    for (const column of data.columns) {
      const th = document.createElement('th');
      th.textContent = '› '.repeat(column.depth || 0) + column.label;
      th.title = column.label;
      head.appendChild(th);
    }
    const body = table.createTBody();
    const max = Math.max(1, ...data.counts.flat());
    data.rows.forEach((row, i) => {
      const tr = body.insertRow();
      const th = document.createElement('th');
      th.className = 'row';
      // Sub-tags sit under their parent, indented.
      th.textContent = '\u2003'.repeat(row.depth || 0) + row.label;
      th.title = row.label;
      tr.appendChild(th);
      data.columns.forEach((column, j) => {
        const count = data.counts[i][j];
        const button = document.createElement('button');
        button.className = 'cell' + (count / max > 0.6 ? ' strong' : '');
        button.textContent = String(count);
        button.dataset.row = row.id;
        button.dataset.column = column.id;
        button.title = `${row.label} × ${column.label}: ${count} passage${count === 1 ? '' : 's'}`;
        button.disabled = count === 0;
        button.style.setProperty('--strength', String(count / max));
        button.addEventListener('click', () => vscode.postMessage({ type: 'cell', row: row.id, column: column.id }));
        tr.insertCell().appendChild(button);
      });
    });
    root.appendChild(table);
    hint.textContent = data.hint;
  }

  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'update') render(event.data.data);
  });
  vscode.postMessage({ type: 'ready' });
})();
