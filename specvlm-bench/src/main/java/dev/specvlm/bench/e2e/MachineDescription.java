package dev.specvlm.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a benchmark ran on, for the report: CPU, cores, memory, OS, Java, and the load average when available. */
final class MachineDescription {
  private MachineDescription() {}

  /** Lines describing this machine now. */
  static List<String> describe() {
    List<String> lines = new ArrayList<>();
    lines.add("machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible to the "
        + "JVM, " + memory() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")");
    lines.add("java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    return lines;
  }

  /** The 1-minute load average, or "unknown". */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " (1 min), " + f[1] + " (5 min)";
    } catch (IOException | RuntimeException e) {
      double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (1 min)", l);
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return "CPU model unknown";
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("\\D", ""));
          return String.format(Locale.ROOT, "%.0f GiB RAM", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    return "RAM unknown";
  }
}
