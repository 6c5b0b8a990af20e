// What is being typed inside an attribute list, for completion. Pure, so it is unit-tested in node.

/**
 * Where the cursor is inside an attribute list being written: after `]{` or `::: {`, with no `}` since.
 * Returns the key whose value is being typed (undefined when a key is), and the word typed so far.
 */
export function attributeContext(before: string): { key?: string; partial: string } | undefined {
  const open = before.lastIndexOf('{');
  if (open === -1 || before.indexOf('}', open) !== -1) return undefined;
  const opener = before.slice(0, open);
  if (!/\]$/.test(opener) && !/^:{3,}\s*$/.test(opener)) return undefined;
  const inside = before.slice(open + 1);
  // Inside a quoted value: `key="a b|`.
  const quoted = /([\p{L}][\p{L}\p{N}\-_:.]*)="([^"]*\s)?([^"\s]*)$/u.exec(inside);
  if (quoted && (inside.split('"').length - 1) % 2 === 1) return { key: quoted[1], partial: quoted[3] };
  const value = /([\p{L}][\p{L}\p{N}\-_:.]*)=([^\s"]*)$/u.exec(inside);
  if (value) return { key: value[1], partial: value[2] };
  const key = /(?:^|\s)([\p{L}][\p{L}\p{N}\-_:.]*)?$/u.exec(inside);
  return key ? { partial: key[1] ?? '' } : undefined;
}
