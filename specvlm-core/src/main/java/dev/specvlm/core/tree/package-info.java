/**
 * Draft trees: what the draft proposes each round and how the target sees it (brief §3).
 *
 * <ul>
 *   <li>{@link dev.specvlm.core.tree.DraftTree} — the tokens of one round in topological order (parents before
 *       children, siblings in descending draft probability) with the derived tree attention mask, tree positions,
 *       child lists and retrieve paths;</li>
 *   <li>{@link dev.specvlm.core.tree.TreeDrafter} — builds a round's tree with the draft model:
 *       {@link dev.specvlm.core.tree.DynamicTreeDrafter} (EAGLE-2: top-K expansion by cumulative log-probability,
 *       rerank to the best T−1 nodes) and {@link dev.specvlm.core.tree.StaticTreeDrafter} (a fixed
 *       {@link dev.specvlm.core.tree.StaticTreeShape}: EAGLE-1 style trees and the single chain of classic assisted
 *       generation).</li>
 * </ul>
 */
@NullMarked
package dev.specvlm.core.tree;

import org.jspecify.annotations.NullMarked;
