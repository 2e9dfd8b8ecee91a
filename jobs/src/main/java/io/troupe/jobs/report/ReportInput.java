package io.troupe.jobs.report;

import java.nio.file.Path;

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

  Path in(Path dir) {
    return dir.resolve(file);
  }

  /** "comparison.csv (the ensemble strategy comparison)". */
  String described() {
    return file + " (" + what + ")";
  }
}
