package io.troupe.jobs.report;

/**
 * One part of the report.
 *
 * @param description one line saying what the section shows
 * @param body HTML (already escaped) with its embedded charts
 * @param charts how many charts the body embeds
 */
record Section(String id, String title, String description, String body, int charts) {}
