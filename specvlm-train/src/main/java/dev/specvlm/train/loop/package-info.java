/**
 * What every training loop here shares: the learning-rate schedule and the progress display (bar with step, loss
 * parts, throughput and ETA, plus a plain log line every few steps for log files).
 */
@NullMarked
package dev.specvlm.train.loop;

import org.jspecify.annotations.NullMarked;
