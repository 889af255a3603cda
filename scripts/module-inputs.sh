#!/bin/sh
# Prints every file a module's jar is built from: the pom, src/main/ and any other resource
# directory the pom names (schemas/history/) of the module and of every module of this build it
# depends on (not in test scope), transitively, their parent poms, and the root pom. The Makefile makes each runnable jar depend on this list, so a
# change to any source, resource, pom or schema history a jar is built from rebuilds it.
# Module directories are named after their artifactIds (the root pom lists them).
# Usage: scripts/module-inputs.sh MODULE...
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: $0 MODULE..." >&2; exit 2; }

# One pass over every module's pom: the edges to the in-build modules each names (its parent, and
# its dependencies on io.tickpipe artifacts that are neither test-scoped nor test-jars), then the
# modules reachable from the ones asked for.
inputs=$(awk -v wanted="$*" '
  FNR == 1         { module = FILENAME; sub(/\/pom\.xml$/, "", module); known[module] = 1; inparent = 0; indep = 0 }
  /<parent>/       { inparent = 1; pgroup = ""; partifact = "" }
  /<\/parent>/     { inparent = 0; if (pgroup == "io.tickpipe" && partifact != "tickpipe") edge[module] = edge[module] " " partifact }
  /<dependency>/   { indep = 1; group = ""; artifact = ""; scope = ""; type = "" }
  /<groupId>/      { v = $0; gsub(/.*<groupId>|<\/groupId>.*/, "", v); if (indep) group = v; else if (inparent) pgroup = v }
  /<artifactId>/   { v = $0; gsub(/.*<artifactId>|<\/artifactId>.*/, "", v); if (indep) artifact = v; else if (inparent) partifact = v }
  /<scope>/        { v = $0; gsub(/.*<scope>|<\/scope>.*/, "", v); scope = v }
  /<type>/         { v = $0; gsub(/.*<type>|<\/type>.*/, "", v); type = v }
  /<\/dependency>/ { if (indep && group == "io.tickpipe" && scope != "test" && type != "test-jar") edge[module] = edge[module] " " artifact; indep = 0 }
  /<directory>[^$<]*<\/directory>/ { v = $0; gsub(/.*<directory>|<\/directory>.*/, "", v); if (v !~ /^\//) extra[module] = extra[module] " " module "/" v }
  function visit(m,   n, deps, i) {
    if (m in seen) return
    if (!(m in known)) { print "module-inputs: no module \x27" m "\x27 (no " m "/pom.xml)" > "/dev/stderr"; failed = 1; return }
    seen[m] = 1; print m "/pom.xml"; print m "/src/main" extra[m]
    n = split(edge[m], deps, " ")
    for (i = 1; i <= n; i++) visit(deps[i])
  }
  END { n = split(wanted, start, " "); for (i = 1; i <= n; i++) visit(start[i]); exit failed }
' */pom.xml)

echo pom.xml
# shellcheck disable=SC2086 # the paths are single words
find $inputs -type f 2>/dev/null | LC_ALL=C sort -u
