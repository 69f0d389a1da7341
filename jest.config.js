/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// tsc copies package.json into dist/build; jest must not see two packages of one name.
	modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/build/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	setupFiles: ['<rootDir>/test/setupEnv.ts'],
	testTimeout: 30000,
};
