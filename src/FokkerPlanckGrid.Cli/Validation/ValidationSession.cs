using System.Diagnostics;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Cli.Running;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Simulations;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.Cli.Validation;

/// <summary>
/// `fpgrid validate`, console-free: find the study files, read and check every one of them (kind, cases, parameters,
/// expected outcomes) before anything runs, then run each study and judge its expected outcomes.
/// </summary>
public static class ValidationSession
{
    /// <summary>A study read, checked and ready to run.</summary>
    public sealed record Planned(StudySpec Spec, IStudyKind Kind, IStudy Study)
    {
        /// <summary>The study file's name without extension (the prefix of its figures).</summary>
        public string Stem => Path.GetFileNameWithoutExtension(Spec.File);
    }

    /// <summary>A study run and judged; <see cref="Failure"/> says why it could not finish (a numerical breakdown).</summary>
    public sealed record Result(Planned Plan, StudyOutcome Outcome, IReadOnlyList<ExpectationResult> Judged, double Seconds, string? Failure)
    {
        public bool Passed => Failure is null && Judged.All(j => j.Passed);
    }

    /// <summary>
    /// The study files under <paramref name="path"/>: the file itself, or the *.json files of its studies/ subfolder
    /// (of the folder itself when it has none), sorted by name.
    /// </summary>
    public static IReadOnlyList<string> StudyFiles(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new CaseInputException("DIR", path, "no such folder or study file");
        var folder = Directory.Exists(Path.Combine(path, "studies")) ? Path.Combine(path, "studies") : path;
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToArray();
        return files.Length > 0 ? files : throw new CaseInputException("DIR", path, $"holds no study files (*.json in {folder})");
    }

    /// <summary>
    /// Reads and checks every study under <paramref name="path"/> for <paramref name="size"/>; the order is that of
    /// <see cref="StudyKinds.All"/>, then the file name. Any bad input is a <see cref="CaseInputException"/> whose key
    /// starts with the study file.
    /// </summary>
    public static IReadOnlyList<Planned> Plan(string path, StudySize size)
    {
        var planned = new List<Planned>();
        foreach (var file in StudyFiles(path))
        {
            try
            {
                var spec = StudyFile.Load(file, size);
                var kind = StudyKinds.Find(spec.Kind)
                    ?? throw new CaseInputException("kind", spec.Kind, "allowed: " + string.Join(", ", StudyKinds.All.Select(k => k.Kind)));
                for (int i = 0; i < spec.Expectations.Count; i++)
                    if (kind.Measures.All(m => m.Name != spec.Expectations[i].Measure))
                        throw new CaseInputException($"expect[{i}].measure", spec.Expectations[i].Measure,
                            $"{kind.Kind} measures: " + string.Join(", ", kind.Measures.Select(m => m.Name)));
                spec = spec with { Cases = spec.Cases.Select(c => c with { Case = CaseInputs.LoadTables(c.Case, c.BaseDirectory) }).ToArray() };
                planned.Add(new Planned(spec, kind, kind.Prepare(spec)));
            }
            catch (CaseInputException e)
            {
                throw new CaseInputException($"{file}: {e.Key}", e.Value, e.Allowed);
            }
            catch (ArgumentException e)
            {
                throw new CaseInputException($"{file}", "(a case)", e.Message.ReplaceLineEndings(" "));
            }
        }
        var order = StudyKinds.All.Select((k, i) => (k.Kind, i)).ToDictionary(p => p.Kind, p => p.i);
        return planned.OrderBy(p => order[p.Kind.Kind]).ThenBy(p => p.Spec.File, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Runs one study and judges its expected outcomes (a measure it did not produce is NaN: FAIL).</summary>
    public static Result Run(Planned p, StudyContext context)
    {
        var clock = Stopwatch.StartNew();
        StudyOutcome outcome;
        try
        {
            outcome = p.Study.Run(context);
        }
        catch (NumericalBreakdownException e)
        {
            var judged = p.Spec.Expectations.Select(x => x.Judge(double.NaN, p.Spec.Size)).ToArray();
            return new Result(p, new StudyOutcome(), judged, clock.Elapsed.TotalSeconds, e.Message);
        }
        var results = p.Spec.Expectations
            .Select(x => x.Judge(outcome.Measures.TryGetValue(x.Measure, out var m) ? m : double.NaN, p.Spec.Size)).ToArray();
        return new Result(p, outcome, results, clock.Elapsed.TotalSeconds, null);
    }
}
