using System.CommandLine;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>Arguments and options shared by the commands that take a case.</summary>
public static class CommonOptions
{
    public static Argument<string?> CaseArgument() => new("case")
    {
        Description = "case file (JSON); omitted: the embedded default (P1, the paper's Figure 1 data, eps = 0.2)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<string?> Out() => new("--out") { Description = "HDF5 output path (overrides output.path)" };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "override a case key by its dotted path, e.g. --set eps=1 --set grid.cells=[2048]",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<int> Threads() => new("--threads") { Description = "worker threads (default: all cores)" };
}
