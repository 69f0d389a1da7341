/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	// Tooling is CommonJS TypeScript (.cts): n8n's strict lint holds every .ts file to node-code
	// rules, and the emulator and tests need what node code may not use (http, zlib, process).
	testMatch: ['**/*.test.cts'],
	moduleFileExtensions: ['ts', 'cts', 'js', 'cjs', 'json'],
	transform: { '^.+\\.c?ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	resolver: '<rootDir>/test/jestResolver.js',
	// tsc copies package.json into dist/build; jest must not see two packages of one name.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/build/'],
	setupFiles: ['<rootDir>/test/setupEnv.cts'],
	testTimeout: 30000,
};
