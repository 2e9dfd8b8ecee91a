package io.troupe.jobs;

import io.troupe.InvalidInputException;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * One command's command line, through picocli: the options it takes, parsing into {@link CliArgs},
 * its --help, and messages for what it refuses that name the option and point at that help.
 */
final class CommandSyntax {
  /** Columns the help wraps at: wide enough for the descriptions' URIs to stay whole (CommandHelpTest checks). */
  private static final int HELP_WIDTH = 100;

  private final Command command;
  private final Collection<Command> all;

  /** {@code all} the commands, so an option of another command is named as such. */
  CommandSyntax(Command command, Collection<Command> all) {
    this.command = command;
    this.all = all;
  }

  /** {@code args} is the whole command line, the command's name first. */
  CliArgs parse(String[] args) {
    ParseResult parsed;
    try {
      parsed = new CommandLine(spec()).parseArgs(Arrays.copyOfRange(args, 1, args.length));
    } catch (MissingParameterException e) {
      throw missingValue(((OptionSpec) e.getMissing().get(0)).longestName());
    } catch (UnmatchedArgumentException e) {
      throw e.getUnmatched().isEmpty() ? invalid(e) : refused(e.getUnmatched().get(0).split("=", 2)[0]);
    } catch (ParameterException e) {
      throw invalid(e);
    }
    // picocli takes an unknown --word after an option as its value (--out --ouput): that value is missing.
    for (OptionSpec option : parsed.matchedOptions()) {
      if (option.originalStringValues().stream().anyMatch(v -> v.startsWith("--"))) {
        throw missingValue(option.longestName());
      }
    }
    return CliArgs.of(args, parsed);
  }

  /** Usage, description, options and examples, as --help prints them. */
  String help() {
    StringBuilder help = new StringBuilder(new CommandLine(spec()).getUsageMessage(Ansi.OFF));
    // Examples as written, never wrapped, so each can be copied as it stands.
    help.append("\nexamples:\n");
    command.examples().forEach(e -> help.append("  ").append(e).append('\n'));
    return help.toString();
  }

  /** What the command takes, built afresh for each parse (picocli keeps the values in it). */
  private CommandSpec spec() {
    CommandSpec spec = CommandSpec.create().name("troupe " + command.name());
    spec.interpolateVariables(false); // help text is shown as written, ${...} and all
    // Last one wins for a repeated option, as scripts that append to a command line rely on;
    // an @file argument is a file name, not a file of arguments.
    spec.parser().overwrittenOptionsAllowed(true).expandAtFiles(false);
    // Any number: each command checks its own count, with its own message.
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class).auxiliaryTypes(String.class)
        .paramLabel(command.arguments()).hidden(true).build());
    accepted().forEach(o -> spec.addOption(option(o)));
    spec.usageMessage().width(HELP_WIDTH).sortOptions(false)
        .synopsisHeading("usage: ")
        .customSynopsis("troupe " + command.name() + " " + command.arguments() + " [options]")
        // picocli formats this text as String.format does (not the options'): a % in a summary stays one
        .descriptionHeading("%n").description(command.summary().replace("%", "%%"))
        .optionListHeading("%noptions:%n");
    return spec;
  }

  private static OptionSpec option(CliOption o) {
    OptionSpec.Builder b = OptionSpec.builder(o.names().toArray(String[]::new))
        .description(o.description().split("\n"));
    if (!o.takesValue()) {
      return b.type(boolean.class).usageHelp(o == CliOption.HELP).build();
    }
    b.paramLabel(o.label()).arity("1");
    return (o.repeats() ? b.type(List.class).auxiliaryTypes(String.class) : b.type(String.class)).build();
  }

  /** The command's options, then the two every command takes. */
  private Set<CliOption> accepted() {
    Set<CliOption> accepted = EnumSet.copyOf(command.options());
    accepted.add(CliOption.VERBOSE);
    accepted.add(CliOption.HELP);
    return accepted;
  }

  private static InvalidInputException missingValue(String name) {
    String expected = CliOption.named(name).orElseThrow().expected();
    return new InvalidInputException(name + ": missing value; expected " + expected);
  }

  /** An option this command does not take ({@code name}, without any =value): another command's, or none at all. */
  private InvalidInputException refused(String name) {
    List<String> takers = CliOption.named(name).map(o -> all.stream().filter(c -> c.options().contains(o))
        .map(Command::name).toList()).orElse(List.of());
    if (!takers.isEmpty()) {
      return new InvalidInputException(name + ": " + command.name() + " does not take this option ("
          + String.join(", ", takers) + (takers.size() == 1 ? " takes it" : " take it") + "); see " + seeHelp());
    }
    return new InvalidInputException("unknown option " + name + "; " + command.name() + " takes "
        + accepted().stream().map(CliOption::usage).collect(Collectors.joining(", ")) + " (see " + seeHelp() + ")");
  }

  /** What else picocli refuses, e.g. a value for a flag (--resume=maybe), in its words. */
  private InvalidInputException invalid(ParameterException e) {
    return new InvalidInputException(command.name() + ": " + e.getMessage() + "; see " + seeHelp());
  }

  private String seeHelp() {
    return "troupe " + command.name() + " --help";
  }
}
