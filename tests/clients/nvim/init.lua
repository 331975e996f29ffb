-- The editor scenario in a real Neovim, headless, with its built-in LSP client, set up by the Neovim
-- snippet of docs/editors.md (so the documented set-up is the tested one): open a plain-text and a
-- Markdown letter, wait for helder's officialese diagnostic at its UTF-16 range, apply the preferred quick
-- fix with vim.lsp.util.apply_workspace_edit, check the buffer, the new diagnostics and the saved file,
-- then stop the server and expect exit code 0. Exits non-zero (cquit) on any failure.
--
-- Run: nvim --headless --clean -u tests/clients/nvim/init.lua
-- Environment: HELDER_SOURCE_DIR (the repository), HELDER_WORK (a scratch folder, emptied first),
-- HELDER_BIN (the helder that must be first on PATH).

local TIMEOUT_MS = 15000 -- for each wait; ctest's TIMEOUT bounds the whole run

local step = 'starting'

local function out(text)
  io.stdout:write(text .. '\n')
  io.stdout:flush()
end

local function log_tail()
  local ok, lines = pcall(vim.fn.readfile, vim.lsp.get_log_path())
  if not ok or #lines == 0 then return '' end
  return '\nNeovim LSP log (last lines):\n  ' .. table.concat(vim.list_slice(lines, math.max(1, #lines - 15)), '\n  ')
end

local failed = false
local function fail(message)
  if failed then return end
  failed = true
  io.stderr:write(('FAIL (%s): %s%s\n'):format(step, message, log_tail()))
  io.stderr:flush()
  vim.cmd('cquit')
end

local function check(condition, message, ...)
  if not condition then error(message:format(...), 0) end
end

-- `state`, when given, describes what there was instead, for the failure message.
local function wait_for(what, predicate, state)
  if not vim.wait(TIMEOUT_MS, predicate, 20) then
    error(('waited %d ms for %s%s'):format(TIMEOUT_MS, what, state and ('; got ' .. state()) or ''), 0)
  end
end

local function env(name)
  local value = os.getenv(name)
  check(value and value ~= '', 'environment variable %s is not set', name)
  return value
end

local function read(path)
  local f = assert(io.open(path, 'rb'))
  local text = f:read('*a')
  f:close()
  return text
end

local function write(path, text)
  local f = assert(io.open(path, 'wb'))
  f:write(text)
  f:close()
end

-- The first ```lua block under "## Neovim" in docs/editors.md.
local function documented_setup(source_dir)
  local doc = read(source_dir .. '/docs/editors.md')
  local section = doc:match('\n## Neovim\n(.-)\n## ') or doc:match('\n## Neovim\n(.*)$')
  check(section, 'docs/editors.md has no "## Neovim" section')
  local code = section:match('```lua\n(.-)\n```')
  check(code, 'the Neovim section of docs/editors.md has no ```lua block')
  return assert(loadstring(code, '=docs/editors.md (Neovim snippet)'))
end

local inspect = vim.inspect

-- Diagnostics as the server published them (raw LSP, UTF-16 ranges), by URI; Neovim's own handler still
-- runs, so vim.diagnostic sees them too.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[result.uri] = result end
  return default_publish(err, result, ctx, config)
end

-- The server's exit, from whichever start function the snippet uses; and no debounce, for speed.
local server_exit = nil
local function instrument(config)
  config.init_options = vim.tbl_deep_extend('force', config.init_options or {}, { debounceMs = 0 })
  config.on_exit = function(code, signal) server_exit = { code = code, signal = signal } end
  config.flags = vim.tbl_extend('force', config.flags or {}, { debounce_text_changes = 0 })
  return config
end
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config) return start_client(instrument(config)) end
if vim.lsp.start then
  local start = vim.lsp.start
  vim.lsp.start = function(config, opts) return start(instrument(config), opts) end
end

local function range_text(r)
  return ('%d:%d-%d:%d'):format(r.start.line, r.start.character, r['end'].line, r['end'].character)
end

local function same_range(a, b)
  return a.start.line == b.start.line and a.start.character == b.start.character
    and a['end'].line == b['end'].line and a['end'].character == b['end'].character
end

-- 0-based line and byte column of the first `word` after `marker`, and its range in UTF-16 units.
local function locate(bufnr, marker, word)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)) do
    local m = line:find(marker, 1, true)
    if m then
      local at = line:find(word, m, true)
      check(at, 'no "%s" after "%s" in line %d', word, marker, i)
      local byte = at - 1
      local _, utf16 = vim.str_utfindex(line, byte)
      return {
        line = i - 1, byte = byte, text = line,
        range = { start = { line = i - 1, character = utf16 }, ['end'] = { line = i - 1, character = utf16 + #word } },
      }
    end
  end
  error(('no line with "%s"'):format(marker), 0)
end

-- vim.lsp.get_clients replaced these in Neovim 0.10.
local function clients(bufnr)
  if vim.lsp.get_clients then return vim.lsp.get_clients(bufnr and { bufnr = bufnr } or nil) end
  return bufnr and vim.lsp.buf_get_clients(bufnr) or vim.lsp.get_active_clients()
end

local function helder_client(bufnr)
  for _, client in pairs(clients(bufnr)) do
    if client.name == 'helder' then return client end
  end
end

local function officialese(uri)
  local list = {}
  for _, d in ipairs(published[uri] and published[uri].diagnostics or {}) do
    if d.code == 'rijksoverheid.officialese' then table.insert(list, d) end
  end
  return list
end

-- What the server published for `uri`: "version N: code at range, ...".
local function published_text(uri)
  local p = published[uri]
  if not p then return 'nothing published for ' .. uri end
  local parts = {}
  for _, d in ipairs(p.diagnostics) do table.insert(parts, ('%s at %s'):format(d.code, range_text(d.range))) end
  return ('version %s: %s'):format(tostring(p.version), #parts > 0 and table.concat(parts, ', ') or 'no diagnostics')
end

local function scenario(work, file, filetype)
  step = 'opening ' .. file
  local path = work .. '/' .. file
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  check(vim.bo[bufnr].filetype == filetype, 'filetype is "%s", expected "%s"', vim.bo[bufnr].filetype, filetype)
  wait_for('the helder client to attach (FileType autocmd of the snippet)', function() return helder_client(bufnr) ~= nil end)
  local client = helder_client(bufnr)
  local language_id = client.config.get_language_id(bufnr, filetype)
  check(language_id == (filetype == 'text' and 'plaintext' or filetype), 'languageId is "%s"', language_id)

  step = 'diagnostics of ' .. file
  local want = locate(bufnr, '😀', 'Indien')
  -- The line must make UTF-16 differ from bytes and code points, or the range proves nothing.
  local utf32 = vim.str_utfindex(want.text, want.byte)
  check(want.range.start.character ~= want.byte and want.range.start.character ~= utf32,
    'the fixture line has no character outside the BMP before "Indien"')
  local diag
  wait_for('a rijksoverheid.officialese diagnostic at ' .. range_text(want.range), function()
    for _, d in ipairs(officialese(uri)) do
      if same_range(d.range, want.range) then diag = d return true end
    end
  end, function() return published_text(uri) end)
  check(diag.source == 'helder', 'source is %s', inspect(diag.source))
  check(diag.data and diag.data.id, 'the diagnostic has no data.id: %s', inspect(diag))
  -- Neovim turned the UTF-16 range into the right byte column.
  local shown = false
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.lnum == want.line and d.col == want.byte and d.end_col == want.byte + #'Indien' then shown = true end
  end
  check(shown, 'vim.diagnostic has nothing at line %d, byte %d: %s', want.line, want.byte, inspect(vim.diagnostic.get(bufnr)))

  step = 'code actions of ' .. file
  local params = {
    textDocument = { uri = uri },
    range = diag.range,
    context = { diagnostics = { diag }, only = { 'quickfix' } },
  }
  local answers, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT_MS)
  check(answers and answers[client.id], 'no answer to textDocument/codeAction: %s', inspect(err))
  check(not answers[client.id].err, 'textDocument/codeAction failed: %s', inspect(answers[client.id].err))
  local fix
  for _, action in ipairs(answers[client.id].result or {}) do
    if action.isPreferred and action.kind == 'quickfix' and action.edit then fix = action break end
  end
  check(fix, 'no preferred quick fix among %s', inspect(answers[client.id].result))

  step = ('applying "%s" to %s'):format(fix.title, file)
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
  local expected = vim.deepcopy(before)
  expected[want.line + 1] = want.text:sub(1, want.byte) .. 'Als' .. want.text:sub(want.byte + #'Indien' + 1)
  local after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
  check(vim.deep_equal(after, expected), 'after the quick fix the buffer is\n%s\nexpected\n%s',
    table.concat(after, '\n'), table.concat(expected, '\n'))

  -- Neovim sends the change; the server checks the new text. "thans" moved three units to the left.
  step = 'diagnostics of ' .. file .. ' after the fix'
  local thans = locate(bufnr, '😀', 'thans')
  local version = vim.lsp.util.buf_versions[bufnr]
  wait_for('diagnostics of version ' .. tostring(version), function()
    return published[uri] and published[uri].version == version
  end, function() return published_text(uri) end)
  local found_thans = false
  for _, d in ipairs(officialese(uri)) do
    check(not d.message:find('Indien', 1, true), '"Indien" is still reported: %s', inspect(d))
    if same_range(d.range, thans.range) then found_thans = true end
  end
  check(found_thans, 'no diagnostic for "thans" at %s; got %s', range_text(thans.range), published_text(uri))

  step = 'saving ' .. file
  vim.cmd('silent write')
  check(read(path) == table.concat(expected, '\n') .. '\n', 'the saved file is not the fixed buffer')
  out(('ok: %s (%s): %s'):format(file, filetype, fix.title))
end

local function run()
  local source_dir = env('HELDER_SOURCE_DIR')
  local work = env('HELDER_WORK')
  step = 'preparing ' .. work
  check(vim.fn.exepath('helder') == env('HELDER_BIN'), 'helder on PATH is "%s", expected %s',
    vim.fn.exepath('helder'), env('HELDER_BIN'))
  vim.fn.delete(work, 'rf')
  vim.fn.mkdir(work, 'p')
  -- A project of its own, so no .helder.toml further up counts.
  write(work .. '/.helder.toml', 'packs = ["rijksoverheid"]\n')
  for _, name in ipairs({ 'brief.txt', 'brief.md' }) do
    write(work .. '/' .. name, read(source_dir .. '/tests/clients/fixtures/' .. name))
  end
  vim.cmd('cd ' .. vim.fn.fnameescape(work))
  vim.lsp.set_log_level('WARN')

  step = 'running the snippet of docs/editors.md'
  documented_setup(source_dir)()

  scenario(work, 'brief.txt', 'text')
  scenario(work, 'brief.md', 'markdown')

  step = 'shutdown'
  local helder = vim.tbl_filter(function(c) return c.name == 'helder' end, clients())
  check(#helder == 1, 'expected one helder client for both buffers, found %d', #helder)
  helder[1].stop()
  wait_for('the server to exit', function() return server_exit ~= nil end)
  check(server_exit.code == 0 and server_exit.signal == 0, 'the server ended with exit code %s, signal %s',
    tostring(server_exit.code), tostring(server_exit.signal))
  out('ok: Neovim ' .. tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.'
    .. tostring(vim.version().patch) .. ', server exit code 0')
end

-- From the main loop after start-up: filetype detection is on as it is for a user, and the buffers'
-- autocommands fire as they do for a user (inside a VimEnter callback they would not nest).
vim.schedule(function()
  local ok, message = xpcall(run, debug.traceback)
  if not ok then fail(message) return end
  vim.cmd('qall!')
end)
