package io.troupe.jobs.report;

import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;

/** The stored results a report reads from an experiment's directory; each one optional. */
enum ReportInput {
  COMPARISON(Comparison.FILE, "the ensemble strategy comparison", true),
  MEMBERS_CURVE(MembersCurve.FILE, "the score by number of ensemble members", true),
  TRIALS(TrialsLog.FILE, "the sweep or ensemble-member trials", true),
  SELECTION(Selection.FILE, "ensembles of a sweep's stored trials, from ensemble --from-sweep", false);

  final String file;
  final String what;
  /** Whether the page names it when absent; a follow-up command's output is not missed when never run. */
  final boolean namedWhenAbsent;

  ReportInput(String file, String what, boolean namedWhenAbsent) {
    this.file = file;
    this.what = what;
    this.namedWhenAbsent = namedWhenAbsent;
  }

  boolean presentIn(ArtifactStore files) throws IOException {
    return this == TRIALS ? TrialsLog.presentIn(files) : files.exists(file);
  }

  /** "comparison.csv (the ensemble strategy comparison)". */
  String described() {
    return file + " (" + what + ")";
  }
}
