import type { EmulatorApp } from './types.cjs';

/** The emulator's default app. Its secret key is a throwaway, published on purpose for demos. */
export const DEMO_APP: EmulatorApp = {
	sdkAppId: 1400000001,
	secretKey: '1ef2e59a47d947e848678d15c2c23ad6065e19c9b2eef24a198eff6655fae0b0',
	admins: ['administrator'],
};
