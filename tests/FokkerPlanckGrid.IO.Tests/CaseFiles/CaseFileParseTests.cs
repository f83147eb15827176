using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.CaseFiles;

namespace FokkerPlanckGrid.IO.Tests.CaseFiles;

public class CaseFileParseTests
{
    /// <summary>The example of SPEC.md, section "Case file", verbatim.</summary>
    internal const string SpecExample = """
        {
          "name": "three-diracs-1d",
          "data":     { "kind": "dirac-mixture", "points": [[-5], [0], [5]], "weights": [0.7, 0.3, 0.1] },
          "score":    { "kind": "exact" },
          "terminal": { "kind": "heat" },
          "grid":     { "box": [[-15, 15]], "cells": [1024] },
          "time":     { "T": 2.0, "tMin": 0.05, "steps": 200, "spacing": "geometric" },
          "eps": 0.2,
          "scheme":   { "transport": "upwind", "splitting": "strang" },
          "output":   { "path": "output/three-diracs-1d.h5", "snapshots": 21, "fields": ["v", "u", "score"] },
          "diagnostics": { "p": [1, 2, 4], "deltas": [0.25, 0.5, 1.0] }
        }
        """;

    internal const string Minimal = """
        {
          "data": { "kind": "dirac-mixture", "points": [[-1], [1]], "weights": [0.5, 0.5] },
          "grid": { "box": [[-6, 6]], "cells": [64] },
          "time": { "T": 1, "tMin": 0.1 }
        }
        """;

    [Fact]
    public void Parse_ReadsTheSpecExample()
    {
        var (c, notes) = CaseFile.Parse(SpecExample, []);

        Assert.Equal("three-diracs-1d", c.Name);
        var data = Assert.IsType<DiracMixtureSpec>(c.Data);
        Assert.Equal([[-5.0], [0.0], [5.0]], data.Points);
        Assert.Equal(1.0, data.Weights.Sum(), 12);
        Assert.Equal(0.7 / 1.1, data.Weights[0], 14);
        Assert.IsType<ExactScoreSpec>(c.Score);
        Assert.IsType<HeatTerminalSpec>(c.Terminal);
        Assert.Equal(1, c.Dimension);
        Assert.Equal([1024], c.Grid.Cells);
        Assert.Equal(new TimeSpec(2.0, 0.05, 200, TimeSpacing.Geometric, 1.0), c.Time);
        Assert.Equal(0.2, c.Eps);
        Assert.Equal(new SchemeSpec(TransportKind.Upwind, SplittingKind.Strang), c.Scheme);
        Assert.Equal("output/three-diracs-1d.h5", c.Output.Path);
        Assert.Equal([1.0, 2.0, 4.0], c.Diagnostics.P);
        Assert.Null(c.Particles);
        Assert.Contains(notes, n => n.Contains("data.weights summed to 1.1 and were normalised"));
    }

    [Fact]
    public void Parse_FillsEveryDefault_WhenOnlyRequiredKeysAreGiven()
    {
        var (c, notes) = CaseFile.Parse(Minimal, []);

        Assert.Equal("case", c.Name);
        Assert.IsType<ExactScoreSpec>(c.Score);
        Assert.IsType<HeatTerminalSpec>(c.Terminal);
        Assert.Equal(0.0, c.Eps);
        Assert.Equal(new TimeSpec(1, 0.1, 200, TimeSpacing.Geometric, 1.0), c.Time);
        Assert.Equal(new SchemeSpec(TransportKind.Upwind, SplittingKind.Lie), c.Scheme);
        Assert.Equal("output/case.h5", c.Output.Path);
        Assert.Equal(21, c.Output.Snapshots);
        Assert.Equal(["v", "u", "score"], c.Output.Fields);
        Assert.Equal([1, 2, 4, double.PositiveInfinity], c.Diagnostics.P);
        Assert.Equal([0.25, 0.5, 1.0], c.Diagnostics.Deltas);
        Assert.Empty(notes);
    }

    [Fact]
    public void Parse_AcceptsCommentsAndTrailingCommas()
    {
        const string text = """
            // a line comment
            {
              /* a block comment */
              "data": { "kind": "dirac-mixture", "points": [[0],], "weights": [1,], },
              "grid": { "box": [[-6, 6],], "cells": [64,], },
              "time": { "T": 1, "tMin": 0.1, }, // trailing comma
            }
            """;

        var (c, _) = CaseFile.Parse(text, []);

        Assert.Equal([[0.0]], Assert.IsType<DiracMixtureSpec>(c.Data).Points);
    }

    [Fact]
    public void Default_IsFigure1Data_P1WithEps02()
    {
        var parsed = CaseFile.Parse(CaseFile.DefaultJson, [], "(default)");
        var c = CaseFile.Default;

        Assert.Contains("//", CaseFile.DefaultJson);
        Assert.Equal("three-diracs-1d", c.Name);
        Assert.Equal(0.2, c.Eps);
        Assert.Equal([[-15.0, 15.0]], c.Grid.Box);
        Assert.Equal([1024], c.Grid.Cells);
        Assert.Equal(new TimeSpec(2, 0.05, 200, TimeSpacing.Geometric, 1.0), c.Time);
        Assert.Equal([1, 2, 4, double.PositiveInfinity], c.Diagnostics.P);
        Assert.Equal([0.7 / 1.1, 0.3 / 1.1, 0.1 / 1.1], Assert.IsType<DiracMixtureSpec>(c.Data).Weights);
        Assert.Single(parsed.Notes, n => n.Contains("normalised"));
    }

    [Fact]
    public void Parse_StoresGaussianVariancesAsScaledIdentityCovariances()
    {
        var (c, _) = CaseFile.Parse(Minimal,
            ["data={\"kind\": \"gaussian-mixture\", \"means\": [[-1], [1]], \"variances\": [0.5, 2]}"]);

        var g = Assert.IsType<GaussianMixtureSpec>(c.Data);
        Assert.Equal([[[0.5]], [[2.0]]], g.Covariances);
        Assert.Equal([0.5, 0.5], g.Weights);
    }

    [Fact]
    public void Parse_Reads2DGaussianCovariancesAndParticles()
    {
        var (c, _) = CaseFile.Parse(Minimal,
        [
            "grid={\"box\": [[-5, 5], [-5, 5]], \"cells\": [32, 32]}",
            "data={\"kind\": \"gaussian-mixture\", \"means\": [[-1, 0], [1, 0]], \"covariances\": [[[1, 0.5], [0.5, 1]], [[2, 0], [0, 1]]], \"weights\": [1, 3]}",
            "particles={\"count\": 10, \"start\": {\"points\": [[0, 1], [0, -2]]}, \"method\": \"heun\"}",
        ]);

        Assert.Equal(2, c.Dimension);
        var g = Assert.IsType<GaussianMixtureSpec>(c.Data);
        Assert.Equal([0.25, 0.75], g.Weights);
        Assert.Equal([[1.0, 0.5], [0.5, 1.0]], g.Covariances[0]);
        Assert.Equal(new ParticlesSpec(10, 1, c.Particles!.StartPoints, "heun", 400, 50), c.Particles);
        Assert.Equal([[0.0, 1.0], [0.0, -2.0]], c.Particles.StartPoints);
    }

    [Fact]
    public void Parse_Particles_CountDefaultsToTheStartPoints_AndStoreToTheSteps()
    {
        var (c, notes) = CaseFile.Parse(Minimal,
        [
            "grid={\"box\": [[-5, 5], [-5, 5]], \"cells\": [32, 32]}",
            "data={\"kind\": \"dirac-mixture\", \"points\": [[-1, 0], [1, 0]]}",
            "particles={\"start\": {\"points\": [[0, 1], [0, -2], [0.5, 1]]}, \"steps\": 20}",
            "time.spacing=adaptive",
        ]);

        Assert.Equal(new ParticlesSpec(3, 1, c.Particles!.StartPoints, "exact-mean-shift", 20, 21), c.Particles);
        Assert.Contains(notes, n => n.Contains("particles use 20 geometric steps"));
        Assert.Equal(10000, CaseFile.Parse(Minimal, ["particles={}"]).Case.Particles!.Count);
        Assert.Equal(50, CaseFile.Parse(Minimal, ["particles={}"]).Case.Particles!.Store);
    }

    [Fact]
    public void Parse_NotesAThinMarginBetweenBoxAndSupport_WithoutFailing()
    {
        var (_, notes) = CaseFile.Parse(Minimal, ["grid.box=[[-1.5, 1.5]]"]);

        var note = Assert.Single(notes);
        Assert.Contains("grid.box", note);
        Assert.Contains("sqrt(2T)", note);
    }

    [Fact]
    public void Parse_TerminalGaussianDefaultsToTheUsualPrior()
    {
        var (c, _) = CaseFile.Parse(Minimal, ["terminal.kind=gaussian"]);

        var g = Assert.IsType<GaussianTerminalSpec>(c.Terminal);
        Assert.Equal([0.0], g.Mean);
        Assert.Equal(2.0, g.Variance); // 2T, the usual prior N(0, 2T)
    }

    [Fact]
    public void Parse_ForwardDefaultsToHeat_AndOuSetsTheOuPrior()
    {
        Assert.Equal(ForwardKind.Heat, CaseFile.Parse(Minimal, []).Case.Forward);
        var (c, _) = CaseFile.Parse(Minimal, ["forward=ou", "terminal.kind=gaussian"]);

        Assert.Equal(ForwardKind.OrnsteinUhlenbeck, c.Forward);
        var g = Assert.IsType<GaussianTerminalSpec>(c.Terminal);
        Assert.Equal(1 - Math.Exp(-2.0), g.Variance, 1e-15); // the OU kernel at T = 1, as 2T is the heat kernel's
        Assert.Contains("\"forward\": \"ou\"", CaseFile.ToJson(c));
        Assert.Equal(ForwardKind.OrnsteinUhlenbeck, CaseFile.Parse(CaseFile.ToJson(c), []).Case.Forward);
    }

    /// <summary>forward = ou with a particles block was rejected before; the particles now follow the OU backward SDE.</summary>
    [Fact]
    public void Parse_OuWithParticles_IsAccepted_AndRoundTrips()
    {
        var (c, _) = CaseFile.Parse(Minimal, ["forward=ou", "particles={\"count\": 5, \"start\": {\"points\": [[0.5]]}, \"steps\": 8}"]);
        Assert.Equal(ForwardKind.OrnsteinUhlenbeck, c.Forward);
        Assert.Equal(8, c.Particles!.Steps);
        var back = CaseFile.Parse(CaseFile.ToJson(c), []).Case;
        Assert.Equal(ForwardKind.OrnsteinUhlenbeck, back.Forward);
        Assert.Equal(5, back.Particles!.Count);
    }

    [Fact]
    public void Parse_BadForward_NamesTheKeyAndTheAllowedValues()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse(Minimal, ["forward=vp"]));
        Assert.Equal("forward", e.Key);
        Assert.Contains("allowed: heat, ou", e.Message);
    }

    [Fact]
    public void Parse_InvalidJson_IsAFileErrorWithLineAndPosition()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse("{\n  \"eps\": 1,\n  \"grid\": }", [], "bad.json"));

        Assert.Equal("(file)", e.Key);
        Assert.Contains("bad.json", e.Message);
        Assert.Contains("line 3", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Parse_RejectsDuplicateKeys()
    {
        var e = Assert.Throws<CaseInputException>(() => CaseFile.Parse("{\"eps\": 1, \"eps\": 2}", []));

        Assert.Equal("(file)", e.Key);
    }

    [Fact]
    public void Load_ReadsAFile_AndNamesAMissingOne()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fpgrid-case-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Minimal);
        try
        {
            Assert.Equal(2.0, CaseFile.Load(path, ["time.T=2"]).Case.Time.T);
        }
        finally
        {
            File.Delete(path);
        }

        var e = Assert.Throws<CaseInputException>(() => CaseFile.Load(path, []));
        Assert.Equal("(file)", e.Key);
        Assert.Contains(path, e.Message);
    }
}
