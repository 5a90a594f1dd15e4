// READ /work/main/docs/TEAM.md FIRST: shared-tree rules (edit only your folders; commit with
// `git add <your paths> && git commit -m "…" -- <your paths>`; never git add -A/stash/reset),
// the agreed simulator API (names to keep), and the 02:15 deadline. Replace this stub.
export {};
