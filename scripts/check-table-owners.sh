#!/usr/bin/env bash
# Fails when a table is written (INSERT, UPDATE, DELETE) outside the module that owns it.
# Reads may aggregate across areas (dashboard, reports, search, exports); writes go through
# the owner, so the PostgreSQL store has one place per table to follow. Test code is not
# checked: it may set up any state it needs.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/core/src"

# table  owner (a file, or a folder ending in /)
owners='
accounts               accounts/
sign_in_attempts       accounts/
acting_appointments    settings/officials.rs
officials              settings/officials.rs
units                  settings/units.rs
channels               settings/channels.rs
classification_codes   settings/classification.rs
images                 settings/emblem.rs
letterheads            settings/letterhead.rs
settings               settings/values.rs
attachments            attachments.rs
scans                  attachments.rs
audit_log              audit.rs
holidays               calendar/holidays.rs
people                 people/
visits                 guestbook/visits.rs
id_deposits            guestbook/custody.rs
day_closings           guestbook/custody.rs
letters                letters/
cases                  cases/mod.rs
case_events            cases/mod.rs
case_contacts          cases/contacts.rs
box_openings           cases/box_openings.rs
dispositions           dispositions/
replies                replies/
reply_versions         replies/mod.rs
reply_reviews          replies/review.rs
reply_templates        replies/templates.rs
dispatches             replies/dispatch.rs
search_index           search.rs
people_search          search.rs
loket_schema           store/server.rs
'

files=$(find . -name '*.rs' ! -name 'tests.rs' ! -name '*_tests.rs' ! -name 'test_office.rs' | sort)
# shellcheck disable=SC2086
awk -v owners="$owners" '
  BEGIN {
    n = split(owners, lines, "\n")
    for (i = 1; i <= n; i++) if (split(lines[i], f, " ") == 2) owner[f[1]] = f[2]
  }
  FNR == 1 { file = substr(FILENAME, 3); in_tests = 0; pending = 0 }
  pending && /^(pub(\(crate\))? )?mod / { in_tests = 1 }
  { pending = ($0 ~ /^#\[cfg\(test\)\]/) }
  in_tests { next }
  {
    line = $0
    while (match(line, /(INSERT( OR [A-Z]+)? INTO|REPLACE INTO|UPDATE|DELETE FROM) +[a-z_]+/)) {
      statement = substr(line, RSTART, RLENGTH)
      line = substr(line, RSTART + RLENGTH)
      k = split(statement, words, " ")
      table = words[k]
      if (!(table in owner)) {
        printf "%s:%d: %s on a table with no owner listed in scripts/check-table-owners.sh\n", file, FNR, statement
        bad = 1
        continue
      }
      o = owner[table]
      if (o ~ /\/$/ ? index(file, o) != 1 : file != o) {
        printf "%s:%d: %s outside its owner %s\n", file, FNR, statement, o
        bad = 1
      }
      checked++
    }
  }
  END {
    if (bad) { print "Route the write through the owning module." > "/dev/stderr"; exit 1 }
    printf "%d writes, each in the module that owns its table.\n", checked
  }
' $files
