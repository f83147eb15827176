using FokkerPlanckGrid.Cases;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>The case file's kebab-case spellings of kinds and enums.</summary>
internal static class CaseNames
{
    public static readonly string[] DataKinds = ["dirac-mixture", "gaussian-mixture", "uniform-box", "curve", "samples"];
    public static readonly string[] ScoreKinds = ["exact", "mixed", "grid-file"];
    public static readonly string[] TerminalKinds = ["heat", "gaussian", "file"];
    public static readonly string[] CurveShapes = ["lemniscate", "circle"];
    public static readonly string[] Fields = ["v", "u", "score"];
    public static readonly string[] ParticleMethods = ["exact-mean-shift", "euler-maruyama", "heun"];

    public static readonly string[] Spacings = ["geometric", "adaptive"];
    public static readonly string[] Transports = ["upwind", "scharfetter-gummel"];
    public static readonly string[] Splittings = ["lie", "strang", "none"];
    public static readonly string[] Forwards = ["heat", "ou"];

    public static ForwardKind ToForward(string s) => s == "ou" ? ForwardKind.OrnsteinUhlenbeck : ForwardKind.Heat;

    public static string Of(ForwardKind f) => f == ForwardKind.OrnsteinUhlenbeck ? "ou" : "heat";

    public static TimeSpacing ToSpacing(string s) => s == "adaptive" ? TimeSpacing.Adaptive : TimeSpacing.Geometric;

    public static string Of(TimeSpacing s) => s == TimeSpacing.Adaptive ? "adaptive" : "geometric";

    public static TransportKind ToTransport(string s) =>
        s == "scharfetter-gummel" ? TransportKind.ScharfetterGummel : TransportKind.Upwind;

    public static string Of(TransportKind t) => t == TransportKind.ScharfetterGummel ? "scharfetter-gummel" : "upwind";

    public static SplittingKind ToSplitting(string s) => s switch
    {
        "strang" => SplittingKind.Strang,
        "none" => SplittingKind.None,
        _ => SplittingKind.Lie,
    };

    public static string Of(SplittingKind s) => s switch
    {
        SplittingKind.Strang => "strang",
        SplittingKind.None => "none",
        _ => "lie",
    };
}
