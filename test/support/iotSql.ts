/**
 * A small evaluator of AWS IoT SQL (version 2016-03-23) for exactly what Pulse's topic rule uses:
 * `SELECT <expr> AS <name>, … FROM '<topic filter>'` with topic(), cast(… AS Int|Decimal|String),
 * isUndefined(), round(), time_to_epoch() (JDK 11 patterns: y M d H m s S X, quoted literals,
 * optional sections), CASE v WHEN … THEN … ELSE … END, `<` and `*`, following the AWS IoT SQL
 * reference's conversion tables. Anything else is refused, so the rule cannot drift past it.
 */

/** JSON values, and Undefined: IoT SQL's "not a value", left out of the output object. */
export type SqlValue = string | number | boolean | null | undefined | SqlValue[] | SqlObject;
interface SqlObject {
  [key: string]: SqlValue;
}

type Expr =
  | { kind: 'literal'; value: SqlValue }
  | { kind: 'field'; name: string }
  | { kind: 'call'; name: string; args: Expr[] }
  | { kind: 'cast'; value: Expr; type: string }
  | { kind: 'case'; subject: Expr; whens: [Expr, Expr][]; otherwise?: Expr }
  | { kind: 'binary'; op: '<' | '*'; left: Expr; right: Expr };

export interface ParsedRule {
  readonly fields: readonly { name: string; expr: Expr }[];
  readonly topicFilter: string;
}

type Token = { type: 'word' | 'number' | 'string' | 'symbol'; text: string; quote?: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|([(),*<]))/y;
  let position = 0;
  while (position < sql.length) {
    if (/^\s*$/.test(sql.slice(position))) break;
    pattern.lastIndex = position;
    const match = pattern.exec(sql);
    if (!match) throw new Error(`IoT SQL: cannot read "${sql.slice(position, position + 20)}"`);
    position = pattern.lastIndex;
    const [, word, number, single, double, symbol] = match;
    if (word !== undefined) tokens.push({ type: 'word', text: word });
    else if (number !== undefined) tokens.push({ type: 'number', text: number });
    else if (single !== undefined) tokens.push({ type: 'string', text: single, quote: "'" });
    else if (double !== undefined) tokens.push({ type: 'string', text: double, quote: '"' });
    else tokens.push({ type: 'symbol', text: symbol! });
  }
  return tokens;
}

const CAST_TYPES = ['int', 'integer', 'decimal', 'string', 'varchar'];
const FUNCTIONS = ['topic', 'isundefined', 'round', 'time_to_epoch'];

export function parseRule(sql: string): ParsedRule {
  const tokens = tokenize(sql);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (word: string) => peek()?.type === 'word' && peek()!.text.toUpperCase() === word;
  const expectWord = (word: string) => {
    if (!isWord(word)) throw new Error(`IoT SQL: expected ${word} at "${peek()?.text ?? 'end'}"`);
    at += 1;
  };
  const expectSymbol = (symbol: string) => {
    if (peek()?.text !== symbol || peek()?.type !== 'symbol') {
      throw new Error(`IoT SQL: expected "${symbol}" at "${peek()?.text ?? 'end'}"`);
    }
    at += 1;
  };

  function primary(): Expr {
    const token = peek();
    if (!token) throw new Error('IoT SQL: unexpected end');
    at += 1;
    if (token.type === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.type === 'string') return { kind: 'literal', value: token.text };
    if (token.type === 'symbol' && token.text === '(') {
      const inner = expression();
      expectSymbol(')');
      return inner;
    }
    if (token.type !== 'word') throw new Error(`IoT SQL: unexpected "${token.text}"`);
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'literal', value: null };
    if (upper === 'CASE') {
      const subject = expression();
      const whens: [Expr, Expr][] = [];
      while (isWord('WHEN')) {
        at += 1;
        const value = expression();
        expectWord('THEN');
        whens.push([value, expression()]);
      }
      if (whens.length === 0) throw new Error('IoT SQL: CASE needs at least one WHEN');
      let otherwise: Expr | undefined;
      if (isWord('ELSE')) {
        at += 1;
        otherwise = expression();
      }
      expectWord('END');
      return { kind: 'case', subject, whens, ...(otherwise ? { otherwise } : {}) };
    }
    if (peek()?.text === '(' && peek()?.type === 'symbol') {
      at += 1;
      const name = token.text.toLowerCase();
      if (name === 'cast') {
        const value = expression();
        expectWord('AS');
        const type = peek()?.text.toLowerCase() ?? '';
        if (!CAST_TYPES.includes(type)) throw new Error(`IoT SQL: cast to ${type} not supported`);
        at += 1;
        expectSymbol(')');
        return { kind: 'cast', value, type };
      }
      if (!FUNCTIONS.includes(name))
        throw new Error(`IoT SQL: function ${token.text} not supported`);
      const args: Expr[] = [];
      if (peek()?.text !== ')') {
        args.push(expression());
        while (peek()?.text === ',') {
          at += 1;
          args.push(expression());
        }
      }
      expectSymbol(')');
      return { kind: 'call', name, args };
    }
    return { kind: 'field', name: token.text };
  }

  /** Operands of `next` joined left to right by `op`. */
  function binary(op: '*' | '<', next: () => Expr): Expr {
    let left = next();
    while (peek()?.type === 'symbol' && peek()?.text === op) {
      at += 1;
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  }

  const product = (): Expr => binary('*', primary);
  const expression = (): Expr => binary('<', product);

  expectWord('SELECT');
  const fields: { name: string; expr: Expr }[] = [];
  for (;;) {
    const expr = expression();
    expectWord('AS');
    const name = peek();
    if (name?.type !== 'word') throw new Error('IoT SQL: expected an alias after AS');
    at += 1;
    fields.push({ name: name.text, expr });
    if (peek()?.text !== ',') break;
    at += 1;
  }
  expectWord('FROM');
  const from = peek();
  if (from?.type !== 'string' || from.quote !== "'") {
    throw new Error('IoT SQL: FROM takes a topic filter in single quotes');
  }
  at += 1;
  if (at !== tokens.length) throw new Error(`IoT SQL: unexpected "${peek()!.text}" after FROM`);
  return { fields, topicFilter: from.text };
}

/** The reference's rule for strings that convert to Decimal. */
const DECIMAL_STRING = /^-?\d+(\.\d+)?([eE]-?\d+)?$/;

function toDecimal(value: SqlValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return DECIMAL_STRING.test(value) ? Number(value) : undefined;
  return undefined;
}

function cast(value: SqlValue, type: string): SqlValue {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'decimal':
      return typeof value === 'boolean' ? (value ? 1 : 0) : toDecimal(value);
    case 'int':
    case 'integer': {
      if (typeof value === 'boolean') return value ? 1 : 0;
      const decimal = toDecimal(value);
      // "rounded down to the nearest Int"
      return decimal === undefined ? undefined : Math.floor(decimal);
    }
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** round(): to the nearest Int, halves away from zero (the reference's examples: 1.5 → 2, -1.5 → -2). */
function round(value: SqlValue): SqlValue {
  const decimal = toDecimal(value);
  if (decimal === undefined) return undefined;
  return Math.sign(decimal) * Math.round(Math.abs(decimal));
}

type PatternPart =
  | { kind: 'literal'; text: string }
  | { kind: 'field'; letter: string; width: number }
  | { kind: 'optional'; parts: PatternPart[] };

function compilePattern(pattern: string): PatternPart[] {
  let at = 0;
  function parts(untilBracket: boolean): PatternPart[] {
    const out: PatternPart[] = [];
    while (at < pattern.length) {
      const char = pattern[at]!;
      if (char === ']') {
        if (!untilBracket) throw new Error(`pattern: unbalanced ] in ${pattern}`);
        at += 1;
        return out;
      }
      if (char === '[') {
        at += 1;
        out.push({ kind: 'optional', parts: parts(true) });
      } else if (char === "'") {
        const end = pattern.indexOf("'", at + 1);
        if (end < 0) throw new Error(`pattern: unclosed quote in ${pattern}`);
        out.push({ kind: 'literal', text: pattern.slice(at + 1, end) });
        at = end + 1;
      } else if (/[A-Za-z]/.test(char)) {
        if (!'yMdHmsSX'.includes(char)) throw new Error(`pattern letter ${char} not supported`);
        let width = 0;
        while (pattern[at] === char) {
          width += 1;
          at += 1;
        }
        out.push({ kind: 'field', letter: char, width });
      } else {
        out.push({ kind: 'literal', text: char });
        at += 1;
      }
    }
    if (untilBracket) throw new Error(`pattern: unclosed [ in ${pattern}`);
    return out;
  }
  return parts(false);
}

/** time_to_epoch(String, String): epoch milliseconds, UTC when the string names no offset. */
function timeToEpoch(value: SqlValue, pattern: SqlValue): SqlValue {
  if (typeof value !== 'string' || typeof pattern !== 'string') return undefined;
  const text = value;
  const fields: Record<string, number> = {};
  function match(parts: readonly PatternPart[], from: number): number | undefined {
    let at = from;
    for (const part of parts) {
      if (part.kind === 'literal') {
        if (!text.startsWith(part.text, at)) return undefined;
        at += part.text.length;
      } else if (part.kind === 'optional') {
        const saved = { ...fields };
        const end = match(part.parts, at);
        if (end === undefined) Object.assign(fields, saved);
        else at = end;
      } else if (part.letter === 'X') {
        // X: Z, +hh or +hhmm; XX: Z or +hhmm; XXX: Z or +hh:mm.
        const form = [/^(?:Z|[+-]\d{2}(?:\d{2})?)/, /^(?:Z|[+-]\d{4})/, /^(?:Z|[+-]\d{2}:\d{2})/][
          Math.min(part.width, 3) - 1
        ]!;
        const zone = form.exec(text.slice(at))?.[0];
        if (zone === undefined) return undefined;
        const digits = zone.replace(/\D/g, '');
        const minutes =
          zone === 'Z' ? 0 : Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
        fields.offsetMinutes = zone.startsWith('-') ? -minutes : minutes;
        at += zone.length;
      } else {
        const width = part.letter === 'y' ? 4 : part.width;
        const digits = new RegExp(`^\\d{${width}}`).exec(text.slice(at));
        if (!digits) return undefined;
        fields[part.letter === 'S' ? 'S' : part.letter] =
          part.letter === 'S' ? Number(`0.${digits[0]}`) * 1000 : Number(digits[0]);
        at += width;
      }
    }
    return at;
  }
  const end = match(compilePattern(pattern), 0);
  if (end !== text.length) return undefined;
  const { y, M, d, H = 0, m = 0, s = 0, S = 0, offsetMinutes = 0 } = fields;
  if (y === undefined || M === undefined || d === undefined) return undefined;
  const utc = Date.UTC(y, M - 1, d, H, m, s) + Math.floor(S);
  const check = new Date(utc);
  if (check.getUTCMonth() !== M - 1 || check.getUTCDate() !== d || H > 23 || m > 59 || s > 59) {
    return undefined;
  }
  return utc - offsetMinutes * 60_000;
}

function equal(a: SqlValue, b: SqlValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function evaluate(expr: Expr, payload: SqlObject, topic: string): SqlValue {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'field':
      return payload[expr.name];
    case 'cast':
      return cast(evaluate(expr.value, payload, topic), expr.type);
    case 'binary': {
      const left = toDecimal(evaluate(expr.left, payload, topic));
      const right = toDecimal(evaluate(expr.right, payload, topic));
      if (left === undefined || right === undefined) return undefined;
      return expr.op === '<' ? left < right : left * right;
    }
    case 'case': {
      const subject = evaluate(expr.subject, payload, topic);
      if (subject === undefined) return undefined;
      for (const [value, result] of expr.whens) {
        if (equal(subject, evaluate(value, payload, topic)))
          return evaluate(result, payload, topic);
      }
      return expr.otherwise ? evaluate(expr.otherwise, payload, topic) : undefined;
    }
    case 'call': {
      const args = expr.args.map((arg) => evaluate(arg, payload, topic));
      switch (expr.name) {
        case 'topic': {
          if (args.length === 0) return topic;
          const index = toDecimal(args[0]);
          return index === undefined ? undefined : topic.split('/')[index - 1];
        }
        case 'isundefined':
          return args[0] === undefined;
        case 'round':
          return round(args[0]);
        case 'time_to_epoch':
          return timeToEpoch(args[0], args[1]);
        default:
          throw new Error(`IoT SQL: function ${expr.name} not supported`);
      }
    }
  }
}

/** Whether an MQTT topic matches a topic filter (`+` one level, `#` the rest). */
export function topicMatches(filter: string, topic: string): boolean {
  const wanted = filter.split('/');
  const levels = topic.split('/');
  for (const [index, level] of wanted.entries()) {
    if (level === '#') return true;
    if (index >= levels.length || (level !== '+' && level !== levels[index])) return false;
  }
  return wanted.length === levels.length;
}

/**
 * The rule's outgoing payload for one message, or undefined when the topic does not match the
 * filter (the rule does not fire). Undefined fields are left out, as IoT serialises them.
 */
export function applyRule(
  rule: ParsedRule,
  topic: string,
  payload: SqlObject,
): SqlObject | undefined {
  if (!topicMatches(rule.topicFilter, topic)) return undefined;
  const out: SqlObject = {};
  for (const { name, expr } of rule.fields) {
    const value = evaluate(expr, payload, topic);
    if (value !== undefined) out[name] = value;
  }
  return out;
}
