/**
 * A small scanner for shell command lines (Dockerfile RUN, Compose/Kubernetes command and args):
 * finds the words in command position, the packages that package managers install, and URLs.
 * It does not execute or expand anything; it only needs to be right about which word is a command.
 */

export interface ShellWord { text: string; start: number; end: number }

export interface ShellFindings {
  /** Words in command position (the executable's base name in text). */
  commands: ShellWord[];
  /** Packages installed by a package manager: text is manager:name. */
  packages: ShellWord[];
  /** http(s) URLs anywhere in the line. */
  urls: ShellWord[];
}

const PREFIXES = new Set(['sudo', 'exec', 'env', 'nohup', 'time', 'command', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'xargs', 'nice', 'timeout']);
const SEPARATORS = new Set(['&&', '||', ';', '|', '(', ')', '{', '}', '`', '$(', '\n', '&']);

const isSpace = (code: number): boolean => code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0xfeff || code === 0x1680 || (code >= 0x2000 && (code <= 0x200a || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000));
/** Characters that end a word outside quotes: whitespace (as /\s/ for the ASCII range) and ; & | ( ) `. */
const ENDS_WORD = new Uint8Array(128);
for (const ch of ' \t\n\v\f\r;&|()`') ENDS_WORD[ch.charCodeAt(0)] = 1;

/** Splits shell text into words and separator tokens, with offsets; backslash-newline is whitespace. */
export function shellTokens(text: string, base = 0): ShellWord[] {
  const out: ShellWord[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\' && (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n'))) { i += text[i + 1] === '\r' ? 3 : 2; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '#' && (i === 0 || isSpace(text.charCodeAt(i - 1)))) { while (i < n && text[i] !== '\n') i++; continue; }
    const two = text.slice(i, i + 2);
    if (two === '&&' || two === '||' || two === '$(') { out.push({ text: two, start: base + i, end: base + i + 2 }); i += 2; continue; }
    if (c === '\n' || c === ';' || c === '|' || c === '(' || c === ')' || c === '`' || c === '&' || c === '{' || c === '}') { out.push({ text: c, start: base + i, end: base + i + 1 }); i++; continue; }
    // A word, with quotes kept together.
    const start = i;
    let word = '';
    while (i < n) {
      const ch = text[i];
      if (ch === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) break;
      const code = ch.charCodeAt(0);
      if (code < 128 ? ENDS_WORD[code] === 1 : isSpace(code)) break;
      if ((ch === '{' || ch === '}') && word === '') break;
      if (ch === '$' && text[i + 1] === '(') break;
      if (ch === '"' || ch === "'") {
        const close = text.indexOf(ch, i + 1);
        const end = close < 0 ? n : close;
        word += text.slice(i + 1, end);
        i = end + 1;
        continue;
      }
      if (ch === '\\' && i + 1 < n) { word += text[i + 1]; i += 2; continue; }
      word += ch;
      i++;
    }
    if (i > start) out.push({ text: word, start: base + start, end: base + Math.min(i, n) });
    else i++;
  }
  return out;
}

const stripVersion = (pkg: string): string => pkg.replace(/\[.*$/, '').replace(/(===?|>=|<=|~=|!=|>|<|=|@).*$/, '').trim();

const scanned = new Map<string, ShellFindings>();
const rebase = (words: ShellWord[], base: number): ShellWord[] => words.map((w) => ({ text: w.text, start: w.start + base, end: w.end + base }));

/**
 * The commands, packages and URLs of shell text, with offsets from `base`. Memoised by text (at most
 * 4,096 texts): an edit re-analyses a whole Dockerfile or manifest, and all but one of its shell
 * lines are the ones scanned before.
 */
export function scanShell(text: string, base = 0): ShellFindings {
  let found = scanned.get(text);
  if (!found) {
    found = scanShellText(text, 0);
    if (scanned.size >= 4096) scanned.clear();
    scanned.set(text, found);
  }
  return { commands: rebase(found.commands, base), packages: rebase(found.packages, base), urls: rebase(found.urls, base) };
}

function scanShellText(text: string, base: number): ShellFindings {
  const tokens = shellTokens(text, base);
  const commands: ShellWord[] = [];
  const packages: ShellWord[] = [];
  let expectCommand = true;
  let current: ShellWord[] = [];
  const flush = () => {
    if (current.length) examineCommand(current, packages);
    current = [];
  };
  for (const t of tokens) {
    if (SEPARATORS.has(t.text)) { flush(); expectCommand = true; continue; }
    if (expectCommand) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t.text)) continue;
      if (PREFIXES.has(t.text)) continue;
      if (t.text.startsWith('-')) continue;
      const base = t.text.slice(t.text.lastIndexOf('/') + 1);
      if (base) {
        const offsetInWord = t.end - t.start === t.text.length ? t.text.length - base.length : 0;
        commands.push({ text: base, start: t.start + offsetInWord, end: t.end });
      }
      expectCommand = false;
      current.push(t);
      continue;
    }
    current.push(t);
  }
  flush();
  // sh -c "script" written inside a quoted word: the script is shell text of its own.
  for (let k = 0; k + 2 < tokens.length; k++) {
    const [sh, flag, script] = [tokens[k], tokens[k + 1], tokens[k + 2]];
    if (!/^(sh|bash|ash|dash|zsh)$/.test(sh.text.slice(sh.text.lastIndexOf('/') + 1)) || !/^-[a-z]*c$/.test(flag.text)) continue;
    const raw = text.slice(script.start - base, script.end - base);
    if (raw.length !== script.text.length + 2 || !/^(["']).*\1$/s.test(raw)) continue;
    const inner = scanShellText(script.text, script.start + 1);
    commands.push(...inner.commands);
    packages.push(...inner.packages);
  }
  const urls: ShellWord[] = [];
  const re = /https?:\/\/[^\s'"\\)`;|&<>]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) urls.push({ text: m[0], start: base + m.index, end: base + m.index + m[0].length });
  return { commands, packages, urls };
}

/** Options of package managers that take the next word as their value (it is not a package). */
const VALUE_OPTIONS = new Set(['-o', '-t', '-c', '--target-release', '--option', '--config-file', '--repo', '--enablerepo', '--disablerepo', '--setopt', '--releasever', '--installroot', '-X', '--repository', '-p', '--root', '--cache-dir']);

/** The manager family a package name belongs to: names are looked up per family (catalog `packages`). */
function managerOf(name: string): 'apt' | 'dnf' | 'apk' | 'go' | 'brew' | 'gem' | null {
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') return 'apt';
  if (name === 'yum' || name === 'dnf' || name === 'microdnf' || name === 'tdnf') return 'dnf';
  if (name === 'apk') return 'apk';
  if (name === 'go') return 'go';
  if (name === 'brew') return 'brew';
  if (name === 'gem') return 'gem';
  return null;
}

/** The verb of each manager family that installs. */
const INSTALL_VERBS: Record<string, RegExp> = { apt: /^install$/, dnf: /^install$/, apk: /^add$/, go: /^(install|get)$/, brew: /^install$/, gem: /^install$/ };

function examineCommand(words: ShellWord[], packages: ShellWord[]): void {
  const name = words[0].text.slice(words[0].text.lastIndexOf('/') + 1);
  let manager: string | null = null;
  let from = -1;
  const sub = words[1]?.text;
  const family = managerOf(name);
  if (/^pip[0-9.]*$|^pipx$|^uv$/.test(name)) {
    const i = words.findIndex((w, k) => k > 0 && w.text === 'install');
    if (i > 0) { manager = 'pip'; from = i + 1; }
  } else if (/^python[0-9.]*$/.test(name) && sub === '-m' && /^pip/.test(words[2]?.text ?? '')) {
    const i = words.findIndex((w, k) => k > 2 && w.text === 'install');
    if (i > 0) { manager = 'pip'; from = i + 1; }
  } else if ((name === 'npm' || name === 'pnpm' || name === 'yarn') && /^(install|i|add)$/.test(sub ?? '')) { manager = 'npm'; from = 2; }
  else if (family) {
    // The verb is the first word that is not an option (yum -y install, apt-get -qq install).
    let k = 1;
    while (k < words.length && words[k].text.startsWith('-')) k += VALUE_OPTIONS.has(words[k].text) ? 2 : 1;
    if (k < words.length && INSTALL_VERBS[family].test(words[k].text)) { manager = family; from = k + 1; }
  }
  if (!manager) return;
  for (let k = from; k < words.length; k++) {
    const w = words[k];
    if (w.text.startsWith('-')) { if (VALUE_OPTIONS.has(w.text)) k++; continue; }
    const pkg = stripVersion(w.text);
    if (!pkg || pkg.includes('$')) continue;
    packages.push({ text: `${manager}:${pkg}`, start: w.start, end: w.end });
  }
}
