/**
 * A 64-bit content fingerprint for the no-change check, computed by a tiny
 * WebAssembly function. Why not `node:crypto`: loading it costs ~5 ms, and a
 * plain-JS hash runs interpreted on a cold start (~20 ns a byte, 5 ms or more
 * on Telegram's output), while the whole no-change run has ~10 ms above
 * Node's own start-up. The WebAssembly version instantiates in well under a
 * millisecond and hashes ~300 KB in under one. Files are read straight into
 * its fixed 1 MiB memory, a window at a time, so a large file costs no large
 * allocation. Not cryptographic: nothing here is adversarial, it only has to
 * notice edits.
 *
 * The function mixes bytes into a running hash, in WebAssembly text format:
 *
 *   (func $mix (param $p i32) (param $n i32) (param $h i64) (result i64)
 *     (local $end i32)
 *     end = p + (n & ~7)
 *     while p < end:  h = (h ^ i64.load(p)) * PRIME;  h ^= h >> 29;  p += 8
 *     end = end + (n & 7)
 *     while p < end:  h = (h ^ i64.load8_u(p)) * PRIME;  p += 1
 *     return h)
 *
 * Fed in windows that are multiples of 8 bytes (all but the last), it gives
 * the same hash as one call over the whole content; the length and a final
 * avalanche are mixed in afterwards.
 */

import { closeSync, openSync, readSync } from 'node:fs';

const SEED = -0x340d631b7bdddcdbn; // the FNV-1a 64-bit offset basis, as a signed i64
const PRIME = 0x100000001b3n; // the FNV 64-bit prime
const MIX = -0x40a7b892e31b1a47n; // an odd 64-bit constant with well-spread bits

// Opcodes used below.
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const LOCAL_TEE = 0x22;
const I32_CONST = 0x41;
const I64_CONST = 0x42;
const I32_AND = 0x71;
const I32_ADD = 0x6a;
const I32_GE_U = 0x4f;
const I64_EXTEND_I32_U = 0xad;
const I64_XOR = 0x85;
const I64_MUL = 0x7e;
const I64_SHR_U = 0x88;
const I64_LOAD = 0x29;
const I64_LOAD8_U = 0x31;
const BLOCK = 0x02;
const LOOP = 0x03;
const BR = 0x0c;
const BR_IF = 0x0d;
const END = 0x0b;
const VOID = 0x40;
const I32 = 0x7f;
const I64 = 0x7e;
const [P, N, H, E] = [0, 1, 2, 3];

/** `while p < end: <step>; p += stride` */
function loopUntilEnd(step: number[], stride: number): number[] {
  return [BLOCK, VOID, LOOP, VOID, LOCAL_GET, P, LOCAL_GET, E, I32_GE_U, BR_IF, 1, ...step, LOCAL_GET, P, I32_CONST, stride, I32_ADD, LOCAL_SET, P, BR, 0, END, END];
}

function mixFunctionBody(): number[] {
  const code = [
    ...[LOCAL_GET, P, LOCAL_GET, N, I32_CONST, ...signedLeb(-8n), I32_AND, I32_ADD, LOCAL_SET, E],
    ...loopUntilEnd(
      [LOCAL_GET, H, LOCAL_GET, P, I64_LOAD, 3, 0, I64_XOR, I64_CONST, ...signedLeb(PRIME), I64_MUL, LOCAL_TEE, H, LOCAL_GET, H, I64_CONST, 29, I64_SHR_U, I64_XOR, LOCAL_SET, H],
      8,
    ),
    ...[LOCAL_GET, E, LOCAL_GET, N, I32_CONST, 7, I32_AND, I32_ADD, LOCAL_SET, E],
    ...loopUntilEnd([LOCAL_GET, H, LOCAL_GET, P, I64_LOAD8_U, 0, 0, I64_XOR, I64_CONST, ...signedLeb(PRIME), I64_MUL, LOCAL_SET, H], 1),
    ...[LOCAL_GET, H, END],
  ];
  const locals = [1, 1, I32]; // one group: one i32 ($end)
  return [...locals, ...code];
}

/** The window the content passes through: 16 pages of 64 KiB. */
const WINDOW_PAGES = 16;
const WINDOW_BYTES = WINDOW_PAGES * 65536;

/**
 * The assembled module, as `assembleMixModule()` builds it (a test keeps the
 * two equal): a literal is cheaper at start-up than assembling (or decoding) it.
 */
const MIX_MODULE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 127, 127, 126, 1, 126, 3, 2, 1, 0, 5, 4, 1, 1, 16, 16, 7, 16, 2, 3,
  109, 105, 120, 0, 0, 6, 109, 101, 109, 111, 114, 121, 2, 0, 10, 116, 1, 114, 1, 1, 127, 32, 0, 32, 1, 65, 120, 113,
  106, 33, 3, 2, 64, 3, 64, 32, 0, 32, 3, 79, 13, 1, 32, 2, 32, 0, 41, 3, 0, 133, 66, 179, 131, 128, 128, 128, 32,
  126, 34, 2, 32, 2, 66, 29, 136, 133, 33, 2, 32, 0, 65, 8, 106, 33, 0, 12, 0, 11, 11, 32, 3, 32, 1, 65, 7, 113, 106,
  33, 3, 2, 64, 3, 64, 32, 0, 32, 3, 79, 13, 1, 32, 2, 32, 0, 49, 0, 0, 133, 66, 179, 131, 128, 128, 128, 32, 126,
  33, 2, 32, 0, 65, 1, 106, 33, 0, 12, 0, 11, 11, 32, 2, 11,
]);

/** Assembles the module from the annotated opcodes above. */
export function assembleMixModule(): Uint8Array {
  const section = (id: number, bytes: number[]) => [id, ...unsignedLeb(bytes.length), ...bytes];
  const name = (text: string) => [...unsignedLeb(text.length), ...[...text].map((c) => c.charCodeAt(0))];
  const body = mixFunctionBody();
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, [1, 0x60, 3, I32, I32, I64, 1, I64]), // type: (i32, i32, i64) -> i64
    ...section(3, [1, 0]), // one function of type 0
    ...section(5, [1, 1, WINDOW_PAGES, WINDOW_PAGES]), // one memory of exactly WINDOW_PAGES pages
    ...section(7, [2, ...name('mix'), 0, 0, ...name('memory'), 2, 0]), // exports
    ...section(10, [1, ...unsignedLeb(body.length), ...body]), // code
  ]);
}

function unsignedLeb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    out.push(byte);
  } while (value !== 0);
  return out;
}

function signedLeb(value: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(value & 0x7fn);
    value >>= 7n;
    const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

interface MixModule {
  readonly memory: { readonly buffer: ArrayBuffer };
  mix(pointer: number, length: number, hash: bigint): bigint;
}

/** The parts of the WebAssembly global used here (the project's `lib` has no DOM types). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: unknown };
}

let wasm: { mix: MixModule['mix']; window: Uint8Array } | undefined;

function mixer(): { mix: MixModule['mix']; window: Uint8Array } {
  if (wasm === undefined) {
    const api = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    const exports = new api.Instance(new api.Module(MIX_MODULE)).exports as MixModule;
    wasm = { mix: exports.mix, window: new Uint8Array(exports.memory.buffer) }; // the memory never grows, so the view stays valid
  }
  return wasm;
}

/** `<length in base 36>-<16 hex digits>`: the length and the running hash, avalanched. */
function finish(hash: bigint, length: number): string {
  let h = BigInt.asUintN(64, hash ^ BigInt(length));
  h ^= h >> 33n;
  h = BigInt.asUintN(64, h * BigInt.asUintN(64, MIX));
  h ^= h >> 33n;
  return `${length.toString(36)}-${h.toString(16).padStart(16, '0')}`;
}

/** The fingerprint of some bytes. */
export function fingerprintBytes(bytes: Uint8Array): string {
  const { mix, window } = mixer();
  let hash = SEED;
  for (let offset = 0; offset < bytes.length; offset += WINDOW_BYTES) {
    const chunk = bytes.subarray(offset, offset + WINDOW_BYTES);
    window.set(chunk);
    hash = mix(0, chunk.length, hash);
  }
  return finish(hash, bytes.length);
}

/** The fingerprint of a text's UTF-8 bytes. */
export function fingerprintText(text: string): string {
  return fingerprintBytes(Buffer.from(text, 'utf8'));
}

/**
 * The fingerprint of a file's bytes (without a leading UTF-8 byte-order mark
 * when `skipByteOrderMark`), read straight into the window; undefined when the
 * file cannot be read.
 */
export function fingerprintFile(path: string, skipByteOrderMark = false): string | undefined {
  const { mix, window } = mixer();
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return undefined;
  }
  try {
    let hash = SEED;
    let length = 0;
    let pending = 0; // bytes at the start of the window not mixed in yet (fewer than 8 between reads)
    let first = true;
    for (;;) {
      const pendingBefore = pending;
      const read = readSync(fd, window, pending, WINDOW_BYTES - pending, null);
      pending += read;
      if (first && skipByteOrderMark && pending >= 3 && window[0] === 0xef && window[1] === 0xbb && window[2] === 0xbf) {
        window.copyWithin(0, 3, pending);
        pending -= 3;
      }
      first = false;
      // A short read of a regular file is its end (a file that grows meanwhile just mismatches, and the run generates).
      if (read < WINDOW_BYTES - pendingBefore) {
        hash = mix(0, pending, hash);
        length += pending;
        return finish(hash, length);
      }
      const whole = pending & ~7;
      hash = mix(0, whole, hash);
      length += whole;
      window.copyWithin(0, whole, pending);
      pending -= whole;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
