/**
 * KV-cache bookkeeping (brief §5): lengths, capacities, which rows of a verification forward are kept, and the
 * stable/tentative split of the draft. The backends own the bytes and do the physical moves;
 * {@link dev.specvlm.core.kv.TargetKv} and {@link dev.specvlm.core.kv.DraftKv} wrap their per-generation states,
 * check every request against the capacity with a clear error, and cross-check the lengths the backend reports.
 */
@NullMarked
package dev.specvlm.core.kv;

import org.jspecify.annotations.NullMarked;
