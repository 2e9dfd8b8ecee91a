package io.troupe.jobs.report;

import io.troupe.artifacts.ArtifactStore;
import java.io.IOException;

/** The stored results a report reads from an experiment's directory; each one optional. */
enum ReportInput {
  COMPARISON(Comparison.FILE, "the ensemble strategy comparison"),
  MEMBERS_CURVE(MembersCurve.FILE, "the score by number of ensemble members"),
  TRIALS(TrialsLog.FILE, "the sweep or ensemble-member trials");

  final String file;
  final String what;

  ReportInput(String file, String what) {
    this.file = file;
    this.what = what;
  }

  boolean presentIn(ArtifactStore files) throws IOException {
    return this == TRIALS ? TrialsLog.presentIn(files) : files.exists(file);
  }

  /** "comparison.csv (the ensemble strategy comparison)". */
  String described() {
    return file + " (" + what + ")";
  }
}
