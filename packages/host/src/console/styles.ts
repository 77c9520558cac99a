/** The dev console's style sheet: system fonts and colours, no external resources. */
export const CONSOLE_STYLES = `
:root { color-scheme: light dark; --line: #8884; --muted: #888; --accent: #2f6fdf; --bad: #d33; --good: #2a8a4a; --flash: #f5c84244; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; display: grid; grid-template-columns: 15rem 1fr; grid-template-rows: auto auto 1fr; min-height: 100vh; }
header { grid-column: 1 / -1; display: flex; gap: 1rem; align-items: baseline; padding: .6rem 1rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.1rem; margin: 0; }
#connection { font-size: .8rem; color: var(--muted); }
#connection.live { color: var(--good); }
#connection.down { color: var(--bad); }
#reload-error { grid-column: 1 / -1; margin: 0; padding: .6rem 1rem; background: #d332; border-bottom: 1px solid var(--bad); }
nav { border-right: 1px solid var(--line); padding: .5rem; }
nav ul { list-style: none; margin: 0; padding: 0; }
nav li { padding: .3rem .5rem; }
nav a { display: block; font-weight: 600; text-decoration: none; color: inherit; }
nav a.selected { color: var(--accent); }
nav small, h2 small, .hint, .description { color: var(--muted); font-weight: normal; }
main { padding: 0 1.2rem 2rem; min-width: 0; }
section { margin-top: 1.2rem; }
h3 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
form { border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; margin: .6rem 0; }
h4 { margin: 0 0 .3rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: .3rem 0; }
fieldset.root { border: 0; padding: 0; margin: 0; }
.field { display: flex; flex-direction: column; gap: .15rem; margin: .35rem 0; }
.field .name { font-weight: 600; font-size: .85rem; }
.row { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; }
input, select, textarea, button { font: inherit; padding: .25rem .4rem; }
textarea.json { font-family: ui-monospace, monospace; min-height: 3.5rem; }
button { cursor: pointer; border: 1px solid var(--accent); background: var(--accent); color: white; border-radius: 4px; }
button.secondary { background: transparent; color: var(--accent); }
button:disabled { opacity: .45; cursor: not-allowed; }
.notice { border-left: 3px solid var(--muted); padding-left: .5rem; }
.invalid input, .invalid select, .invalid textarea { border: 2px solid var(--bad); }
.field-error, .error { color: var(--bad); font-weight: 600; }
.ok { color: var(--good); font-weight: 600; }
pre { margin: .2rem 0; white-space: pre-wrap; word-break: break-word; font-size: .85rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .25rem .5rem; }
.changed { animation: flash 2s ease-out; }
@keyframes flash { from { background: var(--flash); } to { background: transparent; } }
.timeline { list-style: none; padding: 0; display: flex; flex-direction: column; gap: .3rem; }
.timeline li { max-width: 75%; padding: .3rem .6rem; border-radius: 8px; border: 1px solid var(--line); display: flex; flex-direction: column; }
.timeline li small { color: var(--muted); font-size: .75rem; }
.timeline .from-you { align-self: flex-end; background: #2f6fdf22; }
.timeline .from-bot { align-self: flex-start; background: #2a8a4a22; }
#event-list { list-style: none; padding: 0; }
#log-lines { list-style: none; padding: 0; font: .8rem/1.4 ui-monospace, monospace; }
#log-lines li { white-space: pre-wrap; word-break: break-word; }
.log-warn { color: #b8860b; }
.log-error { color: var(--bad); }
#event-list li { border-bottom: 1px solid var(--line); padding: .25rem .5rem; }
`;
