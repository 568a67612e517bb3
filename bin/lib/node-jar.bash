# Sourced by bin/nakamotod, bin/nakamoto-cli and bin/testnet, which set $root (the repository) and $jar
# (node/target/nakamoto-node.jar) first.
#
# The jar is (re)built when it is missing, when NAKAMOTO_REBUILD=1, or when any main source, resource or
# pom.xml of the project is newer than it: after an edit the launchers run the edited code, never a stale jar.

node_jar_stale() {
  [[ ! -f "$jar" || "${NAKAMOTO_REBUILD:-0}" == 1 ]] && return 0
  [[ -n "$(find "$root"/*/src/main "$root"/pom.xml "$root"/*/pom.xml "$root"/genesis.json \
      -newer "$jar" -print -quit 2>/dev/null)" ]]
}

# ensure_node_jar NAME: builds if stale, telling the user why on stderr as NAME.
ensure_node_jar() {
  node_jar_stale || return 0
  echo "$1: building $jar (mvn -q -B -DskipTests package)..." >&2
  # New files rather than rewritten ones: a node already running from the old jar and lib/ keeps reading
  # the files it has open (an unlinked file lives on for its readers; one rewritten in place does not).
  rm -rf "$jar" "$root/node/target/lib"
  (cd "$root" && mvn -q -B -DskipTests package) >&2
  # The jar plugin leaves a jar whose classes did not change untouched, with its old time; it is current
  # for these sources now (a pom.xml edit alone would otherwise rebuild at every start).
  touch "$jar"
}
