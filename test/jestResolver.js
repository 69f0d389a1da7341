// Our .cts files import each other as './x.cjs', the name tsc gives the compiled file; under
// jest the source is read instead. Anything inside node_modules resolves as usual.
module.exports = (request, options) => {
	if (request.endsWith('.cjs') && /^\.{1,2}\//.test(request) && !options.basedir.includes('node_modules')) {
		try {
			return options.defaultResolver(request.replace(/\.cjs$/, '.cts'), options);
		} catch {
			// a real .cjs file: fall through
		}
	}
	return options.defaultResolver(request, options);
};
