using System.CommandLine;

namespace FokkerPlanckGrid.Cli.Commands;

/// <summary>Arguments and options shared by the commands that take a case.</summary>
public static class CommonOptions
{
    public static Argument<string?> CaseArgument()
    {
        var argument = new Argument<string?>("case")
        {
            Description = "case file (JSON); omitted: the embedded default (P1, the paper's Figure 1 data, eps = 0.2)",
            Arity = ArgumentArity.ZeroOrOne,
        };
        // System.CommandLine hands an unknown option such as --bogus to this argument; say what it is instead of
        // failing later with "cannot read the case file --bogus"
        argument.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: var value }] && value.StartsWith('-'))
                result.AddError($"unknown option '{value}' (a case file whose name starts with '-' is passed as ./{value})");
        });
        return argument;
    }

    public static Option<string?> Out() => new("--out") { Description = "HDF5 output path (overrides output.path)" };

    public static Option<string[]> Set() => new("--set")
    {
        Description = "override a case key by its dotted path, e.g. --set eps=1 --set grid.cells=[2048]",
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<int> Threads() => new("--threads") { Description = "worker threads (default: all cores)" };
}
