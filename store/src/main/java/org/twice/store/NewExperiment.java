package org.twice.store;

/** An experiment as submitted: its name, its spec file and text, and its settings as JSON. */
public record NewExperiment(String name, String specPath, String specText, String settings) {}
