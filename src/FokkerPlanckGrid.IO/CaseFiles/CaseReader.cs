using System.Text.Json.Nodes;
using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.Equations;
using static FokkerPlanckGrid.IO.CaseFiles.CaseJson;

namespace FokkerPlanckGrid.IO.CaseFiles;

/// <summary>
/// Maps a case-file JSON tree onto a resolved <see cref="Case"/>, checking every key once and filling every default.
/// Order: name, grid (fixes the dimension), time, eps, forward, data, score, terminal, scheme, output, diagnostics,
/// particles.
/// </summary>
internal sealed class CaseReader
{
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Notes => _notes;

    public Case Read(JsonNode? root, string source)
    {
        if (root is not JsonObject o) throw new CaseInputException("(file)", source, "the case must be a JSON object {...}");
        AllowKeys(o, "", "name", "data", "score", "terminal", "grid", "time", "eps", "scheme", "output", "diagnostics",
            "particles", "forward");

        var name = String(o["name"], "name", "must be a non-empty string", "case");
        var grid = ReadGrid(o["grid"]);
        var d = grid.Cells.Length;
        var time = ReadTime(o["time"]);
        var eps = Number(o["eps"], "eps", "must be a number >= 0", x => x >= 0, 0);
        var forward = CaseNames.ToForward(Choice(o["forward"], "forward", CaseNames.Forwards, "heat"));
        // the forward kernel's variance at T: 2T for the heat flow, 1 - e^{-2T} for OU (what a `gaussian` terminal defaults to)
        var kernelVariance = ForwardProcess.Of(forward).KernelVariance(time.T);
        var data = ReadData(o["data"], "data", d, time.T);
        CheckSupport(o["grid"]!["box"], grid.Box, data, kernelVariance);
        var score = ReadScore(o["score"], d, time.T);
        var terminal = ReadTerminal(o["terminal"], d, kernelVariance);
        var scheme = ReadScheme(o["scheme"]);
        var output = ReadOutput(o["output"], name);
        var diagnostics = ReadDiagnostics(o["diagnostics"]);
        var particles = ReadParticles(o["particles"], d, time);
        return new Case(name, data, score, terminal, grid, time, eps, scheme, output, diagnostics, particles, forward);
    }

    private static GridSpec ReadGrid(JsonNode? node)
    {
        var o = RequiredObject(node, "grid", """an object {"box": [[lower, upper], ...], "cells": [n, ...]}""");
        AllowKeys(o, "grid", "box", "cells");
        var box = BoxOf(o["box"], "grid.box", null);
        var rule = $"each cell count must be an integer >= 2, one per box dimension ({box.Length})";
        var cellsNode = Array(o["cells"], "grid.cells", rule);
        if (cellsNode.Count != box.Length) throw Error("grid.cells", cellsNode, rule);
        var cells = cellsNode.Select(c => TryInteger(c, out var n) && n >= 2 ? n : throw Error("grid.cells", cellsNode, rule))
            .ToArray();
        return new GridSpec(box, cells);
    }

    private static TimeSpec ReadTime(JsonNode? node)
    {
        var o = RequiredObject(node, "time", """an object {"T": .., "tMin": .., "steps": .., "spacing": .., "courant": ..}""");
        AllowKeys(o, "time", "T", "tMin", "steps", "spacing", "courant");
        var t = Number(o["T"], "time.T", "must be a number > 0", x => x > 0);
        var tMin = Number(o["tMin"], "time.tMin", $"must be a number with 0 < tMin < T = {Num(t)}", x => x > 0 && x < t);
        var steps = Integer(o["steps"], "time.steps", "must be an integer >= 1", n => n >= 1, 200);
        var spacing = Choice(o["spacing"], "time.spacing", CaseNames.Spacings, "geometric");
        var courant = Number(o["courant"], "time.courant", "must be a number > 0", x => x > 0, 1.0);
        return new TimeSpec(t, tMin, steps, CaseNames.ToSpacing(spacing), courant);
    }

    private DataSpec ReadData(JsonNode? node, string path, int d, double horizon, bool allowSamples = true)
    {
        var o = RequiredObject(node, path, """a data block {"kind": ..., ...}""");
        var kinds = allowSamples ? CaseNames.DataKinds : CaseNames.DataKinds.Where(k => k != "samples").ToArray();
        var kind = Choice(o["kind"], path + ".kind", kinds);
        switch (kind)
        {
            case "dirac-mixture":
            {
                AllowKeys(o, path, "kind", "points", "weights");
                var points = Points(o["points"], path + ".points", d);
                return new DiracMixtureSpec(points, ReadWeights(o["weights"], path + ".weights", points.Length));
            }
            case "gaussian-mixture":
            {
                AllowKeys(o, path, "kind", "means", "variances", "covariances", "weights");
                var means = Points(o["means"], path + ".means", d);
                var covariances = ReadCovariances(o, path, d, means.Length);
                return new GaussianMixtureSpec(means, covariances, ReadWeights(o["weights"], path + ".weights", means.Length));
            }
            case "uniform-box":
                AllowKeys(o, path, "kind", "box");
                return new UniformBoxSpec(BoxOf(o["box"], path + ".box", d));
            case "curve":
            {
                if (d != 2) throw Error(path + ".kind", o["kind"], "curve data needs a 2D grid (grid.cells has 2 entries)");
                AllowKeys(o, path, "kind", "shape", "scale", "nodes", "center");
                var shape = Choice(o["shape"], path + ".shape", CaseNames.CurveShapes);
                var scale = Number(o["scale"], path + ".scale", "must be a number > 0", x => x > 0, 1.0);
                var nodes = Integer(o["nodes"], path + ".nodes", "must be an integer >= 8", n => n >= 8, 512);
                var center = o["center"] is null
                    ? [0.0, 0.0]
                    : Numbers(o["center"], path + ".center", "must be [x, y], two finite numbers", _ => true, 2);
                return new CurveSpec(shape, scale, nodes, center);
            }
            default: // samples
            {
                AllowKeys(o, path, "kind", "file", "dataset", "from", "count", "seed");
                var count = Integer(o["count"], path + ".count", "must be an integer >= 1", n => n >= 1, 1000);
                var seed = Integer(o["seed"], path + ".seed", "must be an integer", _ => true, 1);
                if (o["file"] is not null || o["dataset"] is not null)
                {
                    if (o["from"] is not null)
                        throw Error(path + ".from", o["from"], "give either file + dataset or from, not both");
                    var file = String(o["file"], path + ".file", "must be the path of an HDF5 file");
                    var dataset = String(o["dataset"], path + ".dataset", "must name an [n, d] dataset of the file");
                    return new SamplesSpec(file, dataset, null, count, seed);
                }
                if (o["from"] is null)
                    throw Error(path + ".from", null, "required: samples need file + dataset, or from (a data block)");
                var from = ReadData(o["from"], path + ".from", d, horizon, allowSamples: false);
                return new SamplesSpec(null, null, from, count, seed);
            }
        }
    }

    /// <summary>Positive finite weights, one per component (default: equal); normalised to sum 1, with a note.</summary>
    private double[] ReadWeights(JsonNode? node, string key, int count)
    {
        if (node is null) return Enumerable.Repeat(1.0 / count, count).ToArray();
        var w = Numbers(node, key, $"must be {count} finite number(s) > 0, one per component", x => x > 0, count);
        var sum = w.Sum();
        if (!double.IsFinite(sum)) throw Error(key, node, "must have a finite sum");
        if (Math.Abs(sum - 1) <= 1e-12) return w;
        _notes.Add($"{key} summed to {Num(sum)} and were normalised");
        return w.Select(x => x / sum).ToArray();
    }

    private static double[][][] ReadCovariances(JsonObject o, string path, int d, int count)
    {
        var vNode = o["variances"];
        var cNode = o["covariances"];
        if (vNode is not null && cNode is not null)
            throw Error(path + ".covariances", cNode, "give either variances or covariances, not both");
        if (vNode is not null)
        {
            var v = Numbers(vNode, path + ".variances", $"must be {count} finite number(s) > 0, one per mean", x => x > 0,
                count);
            return v.Select(s => Enumerable.Range(0, d).Select(i => Enumerable.Range(0, d).Select(j => i == j ? s : 0.0)
                .ToArray()).ToArray()).ToArray();
        }
        var rule = $"must be {count} symmetric positive definite {d}x{d} matrices, one per mean";
        if (cNode is null) throw Error(path + ".variances", null, "required: variances (one number > 0 per mean) or covariances");
        var a = Array(cNode, path + ".covariances", rule);
        if (a.Count != count) throw Error(path + ".covariances", cNode, rule);
        var covariances = a.Select(m =>
        {
            var rows = Array(m, path + ".covariances", rule);
            if (rows.Count != d) throw Error(path + ".covariances", cNode, rule);
            return rows.Select(r => Numbers(r, path + ".covariances", rule, _ => true, d)).ToArray();
        }).ToArray();
        return covariances.All(IsSymmetricPositiveDefinite) ? covariances : throw Error(path + ".covariances", cNode, rule);
    }

    /// <summary>Symmetry (to rounding) and a successful Cholesky factorisation.</summary>
    internal static bool IsSymmetricPositiveDefinite(double[][] m)
    {
        var d = m.Length;
        var scale = m.SelectMany(r => r).Max(Math.Abs);
        for (var i = 0; i < d; i++)
        for (var j = 0; j < i; j++)
            if (Math.Abs(m[i][j] - m[j][i]) > 1e-12 * scale) return false;
        var l = new double[d, d];
        for (var j = 0; j < d; j++)
        {
            var diag = m[j][j];
            for (var k = 0; k < j; k++) diag -= l[j, k] * l[j, k];
            if (!(diag > 0)) return false;
            l[j, j] = Math.Sqrt(diag);
            for (var i = j + 1; i < d; i++)
            {
                var s = m[i][j];
                for (var k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
        return true;
    }

    /// <summary>Bounding box of the data's support (points, means, box, curve); null when unknown before loading.</summary>
    internal static double[][]? SupportBox(DataSpec data) => data switch
    {
        DiracMixtureSpec dm => Hull(dm.Points),
        GaussianMixtureSpec gm => Hull(gm.Means),
        UniformBoxSpec ub => ub.Box,
        CurveSpec { Shape: "circle" } c =>
            [[c.Center[0] - c.Scale, c.Center[0] + c.Scale], [c.Center[1] - c.Scale, c.Center[1] + c.Scale]],
        // lemniscate of Bernoulli with half-width a: |x| <= a, |y| <= a / (2 sqrt 2)
        CurveSpec c => [[c.Center[0] - c.Scale, c.Center[0] + c.Scale],
            [c.Center[1] - c.Scale / (2 * Math.Sqrt(2)), c.Center[1] + c.Scale / (2 * Math.Sqrt(2))]],
        SamplesSpec { From: { } from } => SupportBox(from),
        _ => null,
    };

    private static double[][] Hull(double[][] points) =>
        Enumerable.Range(0, points[0].Length).Select(k => new[] { points.Min(p => p[k]), points.Max(p => p[k]) }).ToArray();

    /// <summary>The box must hold the data's support; a note when its margin is under the kernel's width at T.</summary>
    private void CheckSupport(JsonNode? boxNode, double[][] box, DataSpec data, double kernelVariance)
    {
        if (SupportBox(data) is not { } support) return;
        var margin = double.PositiveInfinity;
        for (var k = 0; k < box.Length; k++)
            margin = Math.Min(margin, Math.Min(support[k][0] - box[k][0], box[k][1] - support[k][1]));
        if (margin < 0) throw Error("grid.box", boxNode, $"must contain the data's support {Box(support)}");
        var reach = Math.Sqrt(kernelVariance);
        if (margin < reach)
            _notes.Add($"grid.box {Box(box)} leaves a margin of {Num(margin)} around the data's support {Box(support)}, "
                + $"under the forward kernel's width at T ({Num(reach)}; sqrt(2T) for the heat flow): the solution may feel the boundary");
    }

    private ScoreSpec ReadScore(JsonNode? node, int d, double horizon)
    {
        var o = OptionalObject(node, "score", """a score block {"kind": ..., ...}""");
        if (o is null) return new ExactScoreSpec();
        var kind = Choice(o["kind"], "score.kind", CaseNames.ScoreKinds);
        switch (kind)
        {
            case "exact":
                AllowKeys(o, "score", "kind");
                return new ExactScoreSpec();
            case "mixed":
                AllowKeys(o, "score", "kind", "lambda", "first", "second");
                var lambda = Number(o["lambda"], "score.lambda", "must be a finite number >= 0", x => x >= 0);
                return new MixedScoreSpec(lambda, ReadData(o["first"], "score.first", d, horizon),
                    ReadData(o["second"], "score.second", d, horizon));
            default: // grid-file
                AllowKeys(o, "score", "kind", "file", "dataset");
                return new GridFileScoreSpec(String(o["file"], "score.file", "must be the path of an HDF5 file"),
                    String(o["dataset"], "score.dataset", "must name the score dataset of the file"));
        }
    }

    /// <summary>`gaussian` defaults to N(0, 2T I), the usual prior (OU: N(0, (1 - e^{-2T}) I), the OU kernel at T).</summary>
    private static TerminalSpec ReadTerminal(JsonNode? node, int d, double kernelVariance)
    {
        var o = OptionalObject(node, "terminal", """a terminal block {"kind": ..., ...}""");
        if (o is null) return new HeatTerminalSpec();
        var kind = Choice(o["kind"], "terminal.kind", CaseNames.TerminalKinds);
        switch (kind)
        {
            case "heat":
                AllowKeys(o, "terminal", "kind");
                return new HeatTerminalSpec();
            case "gaussian":
                AllowKeys(o, "terminal", "kind", "mean", "variance");
                var mean = o["mean"] is null
                    ? new double[d]
                    : Numbers(o["mean"], "terminal.mean", $"must be {d} finite number(s)", _ => true, d);
                var variance = Number(o["variance"], "terminal.variance", "must be a number > 0", x => x > 0, kernelVariance);
                return new GaussianTerminalSpec(mean, variance);
            default: // file
                AllowKeys(o, "terminal", "kind", "file", "dataset");
                return new FileTerminalSpec(String(o["file"], "terminal.file", "must be the path of an HDF5 file"),
                    String(o["dataset"], "terminal.dataset", "must name the dataset of v_T in the file"));
        }
    }

    private static SchemeSpec ReadScheme(JsonNode? node)
    {
        var o = OptionalObject(node, "scheme", """an object {"transport": .., "splitting": ..}""") ?? new JsonObject();
        AllowKeys(o, "scheme", "transport", "splitting");
        var transport = Choice(o["transport"], "scheme.transport", CaseNames.Transports, "upwind");
        var splitting = Choice(o["splitting"], "scheme.splitting", CaseNames.Splittings, "lie"); // ignored in 1D
        return new SchemeSpec(CaseNames.ToTransport(transport), CaseNames.ToSplitting(splitting));
    }

    private static OutputSpec ReadOutput(JsonNode? node, string name)
    {
        var o = OptionalObject(node, "output", """an object {"path": .., "snapshots": .., "fields": [..]}""") ?? new JsonObject();
        AllowKeys(o, "output", "path", "snapshots", "fields");
        var path = String(o["path"], "output.path", "must be a non-empty file path", $"output/{name}.h5");
        var snapshots = Integer(o["snapshots"], "output.snapshots", "must be an integer >= 2", n => n >= 2, 21);
        var fields = CaseNames.Fields;
        if (o["fields"] is { } f)
        {
            var rule = "must be distinct entries of: " + string.Join(", ", CaseNames.Fields);
            fields = Array(f, "output.fields", rule)
                .Select(x => x is JsonValue v && v.TryGetValue(out string? s) && CaseNames.Fields.Contains(s)
                    ? s
                    : throw Error("output.fields", f, rule)).ToArray();
            if (fields.Distinct().Count() != fields.Length) throw Error("output.fields", f, rule);
        }
        return new OutputSpec(path, snapshots, fields.ToArray());
    }

    private static DiagnosticsSpec ReadDiagnostics(JsonNode? node)
    {
        var o = OptionalObject(node, "diagnostics", """an object {"p": [..], "deltas": [..]}""") ?? new JsonObject();
        AllowKeys(o, "diagnostics", "p", "deltas");
        double[] p = [1, 2, 4, double.PositiveInfinity];
        if (o["p"] is { } pNode)
        {
            const string rule = "each p must be a number >= 1 or \"inf\"";
            p = Array(pNode, "diagnostics.p", rule).Select(x =>
                x is JsonValue v && v.TryGetValue(out string? s) && s == "inf" ? double.PositiveInfinity
                : TryNumber(x, out var y) && y >= 1 ? y
                : throw Error("diagnostics.p", pNode, rule)).ToArray();
        }
        var deltas = o["deltas"] is null
            ? [0.25, 0.5, 1.0]
            : Numbers(o["deltas"], "diagnostics.deltas", "each delta must be a finite number > 0", x => x > 0);
        return new DiagnosticsSpec(p, deltas);
    }

    /// <summary>
    /// `particles`: count in [1, 10^8] (default 10000, or the number of start points when they are given), seed any
    /// 32-bit integer, start "terminal" or {"points": [..]}, method, steps in [1, 10^7], store in [2, steps + 1].
    /// With `forward: ou` the particles follow the OU backward SDE (FokkerPlanckGrid.Particles.OrnsteinUhlenbeckParticles).
    /// </summary>
    private ParticlesSpec? ReadParticles(JsonNode? node, int d, TimeSpec time)
    {
        var o = OptionalObject(node, "particles", """an object {"count": .., "seed": .., "start": .., "method": .., ...}""");
        if (o is null) return null;
        AllowKeys(o, "particles", "count", "seed", "start", "method", "steps", "store");
        double[][]? start = null;
        const string startRule = """must be "terminal" or {"points": [[..], ..]}""";
        switch (o["start"])
        {
            case null:
                break;
            case JsonObject s:
                AllowKeys(s, "particles.start", "points");
                start = Points(s["points"], "particles.start.points", d);
                break;
            case JsonValue v when v.TryGetValue(out string? text) && text == "terminal":
                break;
            case var other:
                throw Error("particles.start", other, startRule);
        }
        const int maxCount = 100_000_000, maxSteps = 10_000_000;
        var count = Integer(o["count"], "particles.count", $"must be an integer from 1 to {maxCount}", n => n is >= 1 and <= maxCount,
            start?.Length ?? 10000);
        var seed = Integer(o["seed"], "particles.seed", "must be an integer (32-bit)", _ => true, 1);
        var method = Choice(o["method"], "particles.method", CaseNames.ParticleMethods, "exact-mean-shift");
        var steps = Integer(o["steps"], "particles.steps", $"must be an integer from 1 to {maxSteps}", n => n is >= 1 and <= maxSteps, 400);
        var store = Integer(o["store"], "particles.store", $"must be an integer from 2 to particles.steps + 1 = {steps + 1}",
            n => n >= 2 && n <= steps + 1, Math.Min(50, steps + 1));
        if (time.Spacing == TimeSpacing.Adaptive)
            _notes.Add($"particles use {steps} geometric steps (particles.steps); time.spacing = adaptive applies to the grid only");
        return new ParticlesSpec(count, seed, start, method, steps, store);
    }
}
