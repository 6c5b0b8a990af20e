--[[
Evidence Tagger: render tagged passages with pandoc or Quarto.

  pandoc --lua-filter filters/evidence-tagger.lua paper.md -o paper.html
  pandoc --lua-filter filters/evidence-tagger.lua paper.md -o paper.pdf

A passage is a span `[…]{evidence=research use=instrumental note="…"}` or a fenced div `::: {evidence=…}`
whose keys include a dimension of the codebook. In HTML each passage is tinted by its first dimension's tag
(type of evidence), underlined or barred by its second (form of use), with the labels and the note as a
tooltip, and a legend of the tags used ends the document. In LaTeX/PDF passages are coloured, with the tags
in the margin. Other formats keep the spans and divs as pandoc writes them.

Metadata options (YAML front matter or -M):
  evidence-tags: show (default) | strip   strip removes every passage's markup, keeping its text
  evidence-legend: true (default) | false
  evidence-codebook: path to an evidence-codebook.json (default: ./evidence-codebook.json if it exists,
                     else the built-in codebook below). Needs pandoc 2.19 or newer for a codebook file.
]]

-- The built-in codebook's dimensions, tags, labels and colours (kept equal to src/core/codebook by a test).
local DEFAULT_CODEBOOK = {
  name = "Evidence use in education (default)",
  dimensions = {
    { id = "evidence", label = "Type of evidence", tags = {
      { id = "research", label = "Research evidence", color = { light = "#1f6fb2", dark = "#5aa9e6" }, aliases = { "research-evidence" } },
      { id = "sector-data", label = "Sector-generated data", color = { light = "#2e8540", dark = "#6cc17e" }, aliases = { "sector" } },
      { id = "pedagogical", label = "Pedagogical evidence", color = { light = "#b35c00", dark = "#f0a04b" }, aliases = { "pedagogic" } },
      { id = "practice", label = "Practice-informed advice", color = { light = "#7b3fa0", dark = "#c08ae0" }, aliases = { "practice-informed", "advice" } },
    } },
    { id = "use", label = "Form of evidence use", tags = {
      { id = "transparent", label = "Transparent (conceptual) use", color = { light = "#4a5fc1", dark = "#8f9ff0" }, aliases = { "conceptual" } },
      { id = "instrumental", label = "Instrumental use", color = { light = "#c0392b", dark = "#f07a6c" }, aliases = { "direct" } },
      { id = "embedded", label = "Embedded (process) use", color = { light = "#138d8d", dark = "#4fd1c5" }, aliases = { "process" } },
    } },
    { id = "level", label = "Level of use", tags = {
      { id = "individual", label = "Individual (micro)", color = { light = "#6b7280", dark = "#b0b7c3" }, aliases = { "micro" } },
      { id = "organisational", label = "Organisational (meso)", color = { light = "#8a6d3b", dark = "#d4b483" }, aliases = { "meso", "organizational" } },
      { id = "system", label = "System (macro)", color = { light = "#374151", dark = "#d1d5db" }, aliases = { "macro" } },
    } },
  },
}

local CSS = [[
<style>
.evidence-passage { --evidence-tint: var(--evidence-tint-light, #808080); --evidence-line: var(--evidence-line-light, transparent); border-radius: 2px; }
@media (prefers-color-scheme: dark) { .evidence-passage { --evidence-tint: var(--evidence-tint-dark, #a0a0a0); --evidence-line: var(--evidence-line-dark, transparent); } }
span.evidence-passage { background: color-mix(in srgb, var(--evidence-tint) 22%, transparent); text-decoration: underline 2px var(--evidence-line); text-underline-offset: 3px; cursor: help; }
div.evidence-passage { background: color-mix(in srgb, var(--evidence-tint) 10%, transparent); border-left: 4px solid var(--evidence-line); box-shadow: inset 3px 0 0 color-mix(in srgb, var(--evidence-tint) 70%, transparent); padding: 0.1em 0 0.1em 0.8em; margin: 0.4em 0; }
.evidence-unknown { outline: 1px dashed #bf8803; outline-offset: 1px; }
.evidence-legend { margin-top: 2em; border-top: 1px solid #8884; padding-top: 0.5em; font-size: 0.9em; }
.evidence-legend ul { list-style: none; padding-left: 0; }
.evidence-legend .swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; margin-right: 0.4em; vertical-align: -0.1em; background: var(--evidence-tint-light); }
@media print { .evidence-passage { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
</style>
]]

local codebook = DEFAULT_CODEBOOK
local mode = "show"
local legend = true
local used = {}      -- "dimension=tag" -> count, for the legend
local usedOrder = {}

local function stringify(value)
  if value == nil then return nil end
  if type(value) == "string" or type(value) == "boolean" then return tostring(value) end
  return pandoc.utils.stringify(value)
end

local function readCodebook(path, required)
  local file = io.open(path, "r")
  if not file then
    if required then io.stderr:write("evidence-tagger: cannot read the codebook " .. path .. "; using the built-in one\n") end
    return nil
  end
  local text = file:read("a")
  file:close()
  if not (pandoc.json and pandoc.json.decode) then
    io.stderr:write("evidence-tagger: this pandoc cannot read JSON (2.19 or newer can); using the built-in codebook\n")
    return nil
  end
  local ok, decoded = pcall(pandoc.json.decode, text, false)
  if not ok or type(decoded) ~= "table" or type(decoded.dimensions) ~= "table" then
    io.stderr:write("evidence-tagger: " .. path .. " is not a valid codebook; using the built-in one\n")
    return nil
  end
  return decoded
end

local function dimension(id)
  for _, d in ipairs(codebook.dimensions) do if d.id == id then return d end end
  return nil
end

local function tag(d, value)
  for _, t in ipairs(d.tags or {}) do
    if t.id == value then return t end
    for _, alias in ipairs(t.aliases or {}) do if alias == value then return t end end
  end
  return nil
end

-- The passage's tags as {dimension, tagId, tag or nil} in the order written; nil when it is not a passage.
local function passageTags(attr)
  local found = {}
  for key, value in pairs(attr.attributes) do
    local d = dimension(key)
    if d then
      for value in string.gmatch(value, "%S+") do
        found[#found + 1] = { dimension = d, id = value, tag = tag(d, value) }
      end
    end
  end
  if #found == 0 then return nil end
  -- Codebook order of dimensions, so the first is the tint and the second the line, as in the editor.
  local rank = {}
  for i, d in ipairs(codebook.dimensions) do rank[d.id] = i end
  table.sort(found, function(a, b) return rank[a.dimension.id] < rank[b.dimension.id] end)
  return found
end

local function escapeHtml(text)
  return (text:gsub("&", "&amp;"):gsub('"', "&quot;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

local function describe(tags, note)
  local lines, order, byDimension = {}, {}, {}
  for _, t in ipairs(tags) do
    local key = t.dimension.id
    if not byDimension[key] then byDimension[key] = {}; order[#order + 1] = t.dimension end
    table.insert(byDimension[key], t.tag and t.tag.label or (t.id .. " (not in the codebook)"))
  end
  for _, d in ipairs(order) do lines[#lines + 1] = d.label .. ": " .. table.concat(byDimension[d.id], ", ") end
  if note and note ~= "" then lines[#lines + 1] = "Note: " .. note end
  return table.concat(lines, "\n")
end

local function count(tags)
  for _, t in ipairs(tags) do
    local key = t.dimension.id .. "=" .. (t.tag and t.tag.id or t.id)
    if not used[key] then used[key] = 0; usedOrder[#usedOrder + 1] = t end
    used[key] = used[key] + 1
  end
end

local function styleOf(tags)
  local style, roles, seen = {}, { "tint", "line" }, {}
  for _, t in ipairs(tags) do
    if not seen[t.dimension.id] and #seen < 2 then
      seen[t.dimension.id] = true
      seen[#seen + 1] = t.dimension.id
      local role = roles[#seen]
      local color = t.tag and t.tag.color or { light = "#808080", dark = "#a0a0a0" }
      style[#style + 1] = string.format("--evidence-%s-light:%s;--evidence-%s-dark:%s", role, color.light, role, color.dark)
    end
  end
  return table.concat(style, ";")
end

local function decorateHtml(element, kind, tags)
  local attr = element.attr
  local unknown = false
  for _, t in ipairs(tags) do if not t.tag then unknown = true end end
  table.insert(attr.classes, "evidence-passage")
  table.insert(attr.classes, "evidence-" .. kind)
  if unknown then table.insert(attr.classes, "evidence-unknown") end
  attr.attributes["title"] = describe(tags, attr.attributes["note"])
  attr.attributes["style"] = styleOf(tags)
  element.attr = attr
  return element
end

local function latexColour(tags)
  local t = tags[1]
  local color = t.tag and t.tag.color and t.tag.color.light or "#808080"
  return color:gsub("#", "")
end

local function marginLabel(tags)
  local parts = {}
  for _, t in ipairs(tags) do parts[#parts + 1] = t.tag and t.tag.label or t.id end
  local text = table.concat(parts, "; "):gsub("([%%#&_{}$])", "\\%1")
  return string.format("\\marginpar{\\raggedright\\footnotesize\\textcolor[HTML]{%s}{%s}}", latexColour(tags), text)
end

local function render(element, kind)
  local tags = passageTags(element.attr)
  if not tags then return nil end
  if mode == "strip" then return element.content end
  count(tags)
  if FORMAT:match("html") or FORMAT:match("epub") or FORMAT:match("revealjs") then return decorateHtml(element, kind, tags) end
  if FORMAT:match("latex") or FORMAT:match("beamer") then
    local colour = latexColour(tags)
    if kind == "span" then
      local out = { pandoc.RawInline("latex", marginLabel(tags) .. "{\\color[HTML]{" .. colour .. "}") }
      for _, inline in ipairs(element.content) do out[#out + 1] = inline end
      out[#out + 1] = pandoc.RawInline("latex", "}")
      return out
    end
    local out = { pandoc.RawBlock("latex", "{\\color[HTML]{" .. colour .. "}" .. marginLabel(tags)) }
    for _, block in ipairs(element.content) do out[#out + 1] = block end
    out[#out + 1] = pandoc.RawBlock("latex", "}")
    return out
  end
  return nil
end

local function legendBlocks()
  local items = {}
  for _, t in ipairs(usedOrder) do
    local key = t.dimension.id .. "=" .. (t.tag and t.tag.id or t.id)
    local color = t.tag and t.tag.color or { light = "#808080", dark = "#a0a0a0" }
    local label = t.tag and t.tag.label or (t.id .. " (not in the codebook)")
    items[#items + 1] = string.format('<li><span class="swatch" style="--evidence-tint-light:%s"></span>%s: %s <span class="evidence-count">(%d)</span></li>', color.light, escapeHtml(t.dimension.label), escapeHtml(label), used[key])
  end
  return pandoc.RawBlock("html", '<aside class="evidence-legend"><strong>Evidence tags</strong><ul>' .. table.concat(items) .. "</ul></aside>")
end

return {
  {
    Meta = function(meta)
      mode = stringify(meta["evidence-tags"]) or "show"
      local legendOption = meta["evidence-legend"]
      if legendOption ~= nil then legend = stringify(legendOption) ~= "false" end
      local path = stringify(meta["evidence-codebook"])
      codebook = readCodebook(path or "evidence-codebook.json", path ~= nil) or DEFAULT_CODEBOOK
      if mode ~= "strip" then
        local includes = meta["header-includes"] or pandoc.MetaList({})
        if includes.t ~= "MetaList" and type(includes) ~= "table" then includes = pandoc.MetaList({ includes }) end
        if FORMAT:match("html") then table.insert(includes, pandoc.MetaBlocks({ pandoc.RawBlock("html", CSS) })) end
        if FORMAT:match("latex") or FORMAT:match("beamer") then table.insert(includes, pandoc.MetaBlocks({ pandoc.RawBlock("latex", "\\usepackage{xcolor}") })) end
        meta["header-includes"] = includes
      end
      return meta
    end,
  },
  {
    Span = function(span) return render(span, "span") end,
    Div = function(div) return render(div, "div") end,
  },
  {
    Pandoc = function(doc)
      if legend and mode ~= "strip" and #usedOrder > 0 and FORMAT:match("html") then table.insert(doc.blocks, legendBlocks()) end
      return doc
    end,
  },
}
