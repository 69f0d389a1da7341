const path = require('path');
const { task, src, dest } = require('gulp');

// tsc compiles only TypeScript: the node icons (and codex JSON) are copied beside the compiled nodes.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}', 'nodes/**/*.node.json'], {
		base: '.',
		encoding: false,
	}).pipe(dest(path.resolve('dist'))),
);
