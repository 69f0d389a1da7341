/**
 * Throwaway TLS certificates for tests of the emulator over HTTPS, made at run time with Node's
 * crypto and a minimal DER writer below: no openssl binary, no dependency. Keys are EC P-256,
 * signatures ECDSA with SHA-256, each certificate X.509 v3.
 *
 * makeTestCertificates() is synchronous (P-256 keys take a millisecond or so each).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'crypto';
import { isIPv4 } from 'net';

/** A private key (PKCS#8 PEM) and its certificate (PEM), as https.createServer takes them. */
export interface PemKeyPair {
	key: string;
	cert: string;
}

export interface TestCertificates {
	/** The throwaway CA's certificate (PEM): give it to the client as `ca` to trust the CA-signed leaves. */
	caCert: string;
	/** Self-signed leaf for 127.0.0.1 and localhost (no CA behind it). */
	selfSigned: PemKeyPair;
	/** Leaf signed by the CA for 127.0.0.1 (IP SAN) and localhost (DNS SAN). */
	caSigned: PemKeyPair;
	/** Leaf signed by the CA whose only name (SAN) is example.invalid. */
	wrongHost: PemKeyPair;
	/** Leaf signed by the CA for 127.0.0.1 and localhost that expired a day ago. */
	expired: PemKeyPair;
}

const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------- DER (the subset X.509 needs)

function derLength(length: number): Buffer {
	if (length < 0x80) return Buffer.from([length]);
	const bytes: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
	return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, content: Buffer): Buffer {
	return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

const sequence = (...items: Buffer[]) => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => tlv(0x31, Buffer.concat(items));
const octetString = (content: Buffer) => tlv(0x04, content);
const utf8String = (text: string) => tlv(0x0c, Buffer.from(text, 'utf8'));
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0x00]));
/** [n] EXPLICIT: a constructed context-specific tag around an encoded value. */
const explicit = (n: number, content: Buffer) => tlv(0xa0 | n, content);
/** A BIT STRING of whole bytes (no unused bits). */
const bitString = (content: Buffer) => tlv(0x03, Buffer.concat([Buffer.from([0]), content]));

/** A non-negative INTEGER from big-endian bytes: minimal, with a 0 byte when the top bit is set. */
function unsignedInteger(bytes: Buffer): Buffer {
	let start = 0;
	while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
	const trimmed = bytes.subarray(start);
	return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function objectIdentifier(dotted: string): Buffer {
	const parts = dotted.split('.').map(Number);
	const bytes: number[] = [40 * parts[0] + parts[1]];
	for (const part of parts.slice(2)) {
		const chunk: number[] = [part & 0x7f];
		for (let rest = Math.floor(part / 128); rest > 0; rest = Math.floor(rest / 128)) chunk.unshift(0x80 | (rest & 0x7f));
		bytes.push(...chunk);
	}
	return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime for 1950..2049, GeneralizedTime otherwise (RFC 5280 4.1.2.5), to the second. */
function time(date: Date): Buffer {
	const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
	const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
	const year = date.getUTCFullYear();
	return year >= 1950 && year < 2050 ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii')) : tlv(0x18, Buffer.from(digits, 'ascii'));
}

function toPem(label: string, der: Buffer): string {
	const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
	return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

// ---------------------------------------------------------------- X.509

const OID = {
	commonName: '2.5.4.3',
	organization: '2.5.4.10',
	ecdsaWithSha256: '1.2.840.10045.4.3.2',
	subjectKeyIdentifier: '2.5.29.14',
	keyUsage: '2.5.29.15',
	subjectAltName: '2.5.29.17',
	basicConstraints: '2.5.29.19',
	authorityKeyIdentifier: '2.5.29.35',
	extKeyUsage: '2.5.29.37',
	serverAuth: '1.3.6.1.5.5.7.3.1',
};

const ORGANIZATION = 'n8n-nodes-tencent-room test (throwaway)';

function name(commonName: string): Buffer {
	return sequence(
		set(sequence(objectIdentifier(OID.organization), utf8String(ORGANIZATION))),
		set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))),
	);
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
	return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

/** GeneralName: iPAddress [7] for IPv4 literals, dNSName [2] otherwise. */
function generalName(host: string): Buffer {
	if (isIPv4(host)) return tlv(0x87, Buffer.from(host.split('.').map(Number)));
	return tlv(0x82, Buffer.from(host, 'ascii'));
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey bits. */
function keyIdentifier(spki: Buffer): Buffer {
	// SubjectPublicKeyInfo ::= SEQUENCE { algorithm, BIT STRING }: the BIT STRING is last, and for
	// a P-256 key it is short (66 bytes), so its content is the final 65 bytes after one unused-bits byte.
	const bits = spki.subarray(spki.length - 65);
	return createHash('sha1').update(bits).digest();
}

interface Issuer {
	commonName: string;
	privateKey: KeyObject;
	keyId: Buffer;
}

interface CertificateRequest {
	commonName: string;
	publicKey: KeyObject;
	/** Subject alternative names: IPv4 literals and DNS names. */
	hosts: string[];
	notBefore: Date;
	notAfter: Date;
	isCa: boolean;
	/** Omitted: self-signed with the subject's own key. */
	issuer?: Issuer;
	/** Needed when issuer is omitted. */
	privateKey?: KeyObject;
}

function issue(request: CertificateRequest): { der: Buffer; keyId: Buffer } {
	const spki = request.publicKey.export({ type: 'spki', format: 'der' });
	const keyId = keyIdentifier(spki);
	const issuerName = request.issuer?.commonName ?? request.commonName;
	const signingKey = request.issuer?.privateKey ?? request.privateKey;
	if (!signingKey) throw new Error('a self-signed certificate needs its private key');
	const authorityKeyId = request.issuer?.keyId ?? keyId;

	const extensions: Buffer[] = [
		extension(OID.basicConstraints, true, request.isCa ? sequence(boolean(true)) : sequence()),
		extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
		extension(OID.authorityKeyIdentifier, false, sequence(tlv(0x80, authorityKeyId))),
	];
	if (request.isCa) {
		// digitalSignature (bit 0), keyCertSign (5), cRLSign (6): 1000 0110, the last bit unused.
		extensions.push(extension(OID.keyUsage, true, tlv(0x03, Buffer.from([0x01, 0x86]))));
	} else {
		extensions.push(extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))));
	}
	if (request.hosts.length > 0) extensions.push(extension(OID.subjectAltName, false, sequence(...request.hosts.map(generalName))));

	const serial = randomBytes(16);
	serial[0] &= 0x7f; // positive
	serial[0] |= 0x01; // and never shortened to fewer than 16 bytes
	const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
	const tbs = sequence(
		explicit(0, unsignedInteger(Buffer.from([2]))), // v3
		unsignedInteger(serial),
		signatureAlgorithm,
		name(issuerName),
		sequence(time(request.notBefore), time(request.notAfter)),
		name(request.commonName),
		spki,
		explicit(3, sequence(...extensions)),
	);
	const signature = sign('sha256', tbs, signingKey); // DER ECDSA-Sig-Value
	return { der: sequence(tbs, signatureAlgorithm, bitString(signature)), keyId };
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
	return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function keyPem(privateKey: KeyObject): string {
	return privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/**
 * A throwaway CA and four server certificates signed with fresh keys, for HTTPS tests. Nothing is
 * written to disk; every call makes new keys. `now` (default the current time) anchors validity:
 * valid certificates run from an hour before it to 30 days after, the expired one ended a day before it.
 */
export function makeTestCertificates(options: { now?: Date } = {}): TestCertificates {
	const now = (options.now ?? new Date()).getTime();
	const validFrom = new Date(now - 60 * 60 * 1000);
	const validTo = new Date(now + 30 * DAY_MS);
	const localHosts = ['127.0.0.1', 'localhost'];

	const caKeys = newKeyPair();
	const caCommonName = `Throwaway Test CA ${randomBytes(4).toString('hex')}`;
	const ca = issue({
		commonName: caCommonName,
		publicKey: caKeys.publicKey,
		privateKey: caKeys.privateKey,
		hosts: [],
		notBefore: validFrom,
		notAfter: validTo,
		isCa: true,
	});
	const issuer: Issuer = { commonName: caCommonName, privateKey: caKeys.privateKey, keyId: ca.keyId };

	const leaf = (commonName: string, hosts: string[], notBefore: Date, notAfter: Date, signedByCa: boolean): PemKeyPair => {
		const keys = newKeyPair();
		const { der } = issue({
			commonName,
			publicKey: keys.publicKey,
			privateKey: keys.privateKey,
			hosts,
			notBefore,
			notAfter,
			isCa: false,
			issuer: signedByCa ? issuer : undefined,
		});
		return { key: keyPem(keys.privateKey), cert: toPem('CERTIFICATE', der) };
	};

	return {
		caCert: toPem('CERTIFICATE', ca.der),
		selfSigned: leaf('127.0.0.1', localHosts, validFrom, validTo, false),
		caSigned: leaf('127.0.0.1', localHosts, validFrom, validTo, true),
		wrongHost: leaf('example.invalid', ['example.invalid'], validFrom, validTo, true),
		expired: leaf('127.0.0.1', localHosts, new Date(now - 30 * DAY_MS), new Date(now - DAY_MS), true),
	};
}
