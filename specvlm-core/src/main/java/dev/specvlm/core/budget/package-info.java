/**
 * The tree budget fitted to the device ({@link dev.specvlm.TreeBudget#auto()}): {@link
 * dev.specvlm.core.budget.LatencyProbe} measures what target and draft forwards cost by size ({@link
 * dev.specvlm.core.budget.DeviceCosts}, {@link dev.specvlm.core.budget.LatencyCurve}); {@link
 * dev.specvlm.core.budget.AcceptanceCounts} and {@link dev.specvlm.core.budget.AcceptanceStatistics} record which
 * drafted tokens rounds accept, by depth and rank ({@link dev.specvlm.core.budget.AcceptanceProfile}, starting from a
 * documented prior); {@link dev.specvlm.core.budget.BudgetChooser} picks the budget with the highest expected tokens
 * per second from both.
 */
@NullMarked
package dev.specvlm.core.budget;

import org.jspecify.annotations.NullMarked;
