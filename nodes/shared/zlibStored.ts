/**
 * A zlib stream (RFC 1950) holding the data in *stored* deflate blocks (RFC 1951 §3.2.4).
 *
 * Tencent's server only inflates the UserSig, so compression buys nothing; stored blocks
 * need no zlib module, which n8n refuses in node code. Tencent's own Go library does the same.
 */

const MAX_STORED_BLOCK = 0xffff;
const ADLER_MOD = 65521;

export function adler32(data: Uint8Array): number {
	let a = 1;
	let b = 0;
	// 5552 is the largest run that cannot overflow 32 bits before the modulo (zlib's NMAX).
	for (let start = 0; start < data.length; start += 5552) {
		const end = Math.min(start + 5552, data.length);
		for (let i = start; i < end; i++) {
			a += data[i];
			b += a;
		}
		a %= ADLER_MOD;
		b %= ADLER_MOD;
	}
	return ((b << 16) | a) >>> 0;
}

export function zlibStored(data: Uint8Array): Uint8Array {
	const blockCount = Math.max(1, Math.ceil(data.length / MAX_STORED_BLOCK));
	const out = new Uint8Array(2 + blockCount * 5 + data.length + 4);
	// CMF 0x78: deflate, 32 KiB window. FLG 0x01: no dictionary, "fastest", and (0x7801 % 31 === 0).
	out[0] = 0x78;
	out[1] = 0x01;
	let offset = 2;
	for (let block = 0; block < blockCount; block++) {
		const start = block * MAX_STORED_BLOCK;
		const length = Math.min(MAX_STORED_BLOCK, data.length - start);
		const isFinal = block === blockCount - 1;
		out[offset++] = isFinal ? 0x01 : 0x00; // BFINAL bit, BTYPE 00 (stored)
		out[offset++] = length & 0xff;
		out[offset++] = length >>> 8;
		out[offset++] = ~length & 0xff;
		out[offset++] = (~length >>> 8) & 0xff;
		out.set(data.subarray(start, start + length), offset);
		offset += length;
	}
	const checksum = adler32(data);
	out[offset++] = checksum >>> 24;
	out[offset++] = (checksum >>> 16) & 0xff;
	out[offset++] = (checksum >>> 8) & 0xff;
	out[offset++] = checksum & 0xff;
	return out;
}
