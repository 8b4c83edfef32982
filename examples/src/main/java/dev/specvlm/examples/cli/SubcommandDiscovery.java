package dev.specvlm.examples.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Finds extra {@code specvlm} subcommands on the class path, so that a module the command line does not depend on
 * can add one (e.g. {@code specvlm distill} from {@code specvlm-train}, which brings DJL): every resource
 * {@value #RESOURCE} lists class names, one per line ({@code #} starts a comment). Each class must be annotated with
 * picocli's {@link Command} (its {@code name} is the subcommand's name) and have a public no-argument constructor; it
 * needs only picocli, not this module. A class that cannot be loaded is reported on the error stream and left out.
 */
public final class SubcommandDiscovery {
  /** The resource that lists subcommand classes. */
  public static final String RESOURCE = "META-INF/specvlm/cli-subcommands";

  private SubcommandDiscovery() {}

  /** Adds the discovered subcommands to {@code cli}, skipping names it already has. */
  public static void addTo(CommandLine cli, ClassLoader loader) {
    for (String name : classNames(loader)) {
      try {
        Class<?> type = Class.forName(name, true, loader);
        Command command = type.getAnnotation(Command.class);
        if (command == null) {
          cli.getErr().println("warning: " + name + " (listed in " + RESOURCE + ") is not a picocli @Command; "
              + "left out");
          continue;
        }
        if (cli.getSubcommands().containsKey(command.name())) {
          continue;
        }
        cli.addSubcommand(command.name(), type.getConstructor().newInstance());
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        cli.getErr().println("warning: subcommand " + name + " (listed in " + RESOURCE + ") cannot be loaded: " + e
            + "; left out");
      }
    }
  }

  static List<String> classNames(ClassLoader loader) {
    Set<String> names = new LinkedHashSet<>();
    try {
      Enumeration<URL> urls = loader.getResources(RESOURCE);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            String n = line.replaceAll("#.*", "").strip();
            if (!n.isEmpty()) {
              names.add(n);
            }
          }
        }
      }
    } catch (IOException e) {
      // an unreadable listing adds nothing; the built-in subcommands still work
    }
    return new ArrayList<>(names);
  }
}
