#!/bin/sh
# Puts this clone into an n8n the way n8n loads a custom node: the files `npm pack` would publish,
# unpacked into <folder>/n8n-nodes-tencent-room (an earlier copy there is replaced).
#
#   scripts/install-into-n8n.sh [folder]
#
# <folder> defaults to n8n's own custom extensions folder, ${N8N_USER_FOLDER:-$HOME}/.n8n/custom,
# which n8n reads at start without any setting; for another folder, start n8n with
# N8N_CUSTOM_EXTENSIONS=<folder>. Build first: npm ci && npm run build.
#
# README "Install in n8n" shows these commands; `npm run test:n8n` runs this script as written there.
set -eu

given=${1:-}
case $given in /*|'') ;; *) given="$(pwd)/$given" ;; esac
cd "$(dirname "$0")/.."
folder=${given:-"${N8N_USER_FOLDER:-$HOME}/.n8n/custom"}

if [ ! -f dist/nodes/TencentRoom/TencentRoom.node.js ]; then
	echo "install-into-n8n: no build in $(pwd)/dist: run npm ci && npm run build first" >&2
	exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

npm pack --silent --pack-destination "$work" >/dev/null
set -- "$work"/n8n-nodes-tencent-room-*.tgz
tarball=$1

mkdir -p "$folder"
target="$(cd "$folder" && pwd)/n8n-nodes-tencent-room"
rm -rf "$target"
mkdir "$target"
tar xzf "$tarball" -C "$target" --strip-components=1

echo "Installed $(basename "$tarball" .tgz) into $target"
if [ -n "$given" ]; then
	echo "Start n8n with N8N_CUSTOM_EXTENSIONS=$(dirname "$target") to load it."
else
	echo "n8n reads this folder at start: restart n8n to load it."
fi
