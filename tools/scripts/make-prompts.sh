#!/usr/bin/env bash
# Generates Switchboard's own voice prompts from their text, so the shipped dialplan never plays a
# sound file nobody has. Text: infra/asterisk/sounds/en/switchboard/prompts.txt (`name: text`, the
# format of Asterisk's core-sounds-en.txt). Output next to it: <name>.wav as 8 kHz mono 16-bit PCM
# (what Asterisk's "wav" format reads without transcoding a sample rate), and generated-from.txt
# with the SHA-256 of each text, so a test can tell a text edited without re-running this script.
#
# Needs espeak-ng and sox (Debian: apt-get install espeak-ng sox). The result is committed, so
# neither the tests nor an Asterisk host need them. A studio recording of the same text (same
# format) can replace a .wav; re-running the script overwrites it again, and removes the .wav
# files the manifest no longer lists.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${root}/infra/asterisk/sounds/en/switchboard"
manifest="${dir}/prompts.txt"
voice="${ESPEAK_VOICE:-en-us}"
speed="${ESPEAK_SPEED:-150}"

for tool in espeak-ng sox sha256sum; do
  command -v "$tool" >/dev/null || { echo "make-prompts: $tool is not installed (apt-get install espeak-ng sox)" >&2; exit 1; }
done

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

hashes="${tmp}/generated-from.txt"
printf '%s\n' '; Written by tools/scripts/make-prompts.sh: <name> <sha256 of its text in prompts.txt>. Do not edit.' >"$hashes"
names=()
while IFS= read -r line || [[ -n "$line" ]]; do
  [[ -z "${line// /}" || "$line" == ';'* ]] && continue
  name="${line%%:*}"
  text="${line#*:}"
  text="${text# }"
  # The name becomes a file name and a dialplan argument: nothing that could leave the folder.
  if [[ ! "$name" =~ ^[a-z0-9][a-z0-9-]*$ || "$name" == "$line" || -z "$text" ]]; then
    echo "make-prompts: ${manifest}: not a '<name>: <text>' line: ${line}" >&2
    exit 1
  fi
  # espeak-ng speaks at 22.05 kHz; sox resamples to 8 kHz mono 16-bit signed PCM. -D: no dither,
  # so the same text gives the same bytes on every run.
  espeak-ng -v "$voice" -s "$speed" -w "${tmp}/${name}.espeak.wav" -- "$text"
  sox -D "${tmp}/${name}.espeak.wav" -r 8000 -c 1 -b 16 -e signed-integer "${tmp}/${name}.wav"
  printf '%s %s\n' "$name" "$(printf '%s' "$text" | sha256sum | cut -d' ' -f1)" >>"$hashes"
  names+=("$name")
done <"$manifest"

# Only after every prompt was made: a failure above leaves the committed files as they were.
for name in "${names[@]}"; do mv "${tmp}/${name}.wav" "${dir}/${name}.wav"; done
mv "$hashes" "${dir}/generated-from.txt"
# Prompts dropped from the manifest lose their file too.
for file in "${dir}"/*.wav; do
  base="$(basename "$file" .wav)"
  [[ " ${names[*]} " == *" ${base} "* ]] || rm -- "$file"
done
echo "make-prompts: ${#names[@]} prompts in ${dir#"${root}"/}"
