package dev.specvlm.core;

import dev.specvlm.TreeBudget;

/**
 * Resolves {@link TreeBudget#auto()} to a concrete budget: the one place where the device-fitted budget will be
 * chosen. Until that calibration exists it resolves to {@link TreeBudget#eagleDefault()}, as the API documents for
 * backends that cannot measure.
 */
final class TreeBudgetResolver {
  private TreeBudgetResolver() {}

  static TreeBudget resolve(TreeBudget requested) {
    return requested.isAuto() ? TreeBudget.eagleDefault() : requested;
  }
}
