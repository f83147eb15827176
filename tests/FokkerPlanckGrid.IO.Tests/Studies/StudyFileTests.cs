using FokkerPlanckGrid.Cases;
using FokkerPlanckGrid.IO.Studies;
using FokkerPlanckGrid.Validation;

namespace FokkerPlanckGrid.IO.Tests.Studies;

/// <summary>Study files: a valid one read at both sizes, and every kind of bad input named by its key.</summary>
public class StudyFileTests
{
    private const string Case = """
        { "name": "c", "data": { "kind": "dirac-mixture", "points": [[0]], "weights": [1] },
          "grid": { "box": [[-8, 8]], "cells": [64] }, "time": { "T": 1, "tMin": 0.1, "steps": 20 } }
        """;

    private static string Study(string replace = "", string with = "") => $$"""
        // a study
        {
          "kind": "figure1", "title": "T", "reproduces": "Figure 1", "paper": "says",
          "case": {{Case}},
          "parameters": { "times": [1, 0.1], "boundaryMargin": 0.5 },
          "toy": { "divide": 2, "parameters": { "times": [1, 0.5] } },
          "expect": [ { "measure": "m", "max": 0.1, "toyMax": 0.3, "says": "it holds" },
                      { "measure": "n", "min": 0.2, "max": 0.4, "says": "in between" }, ],
        }
        """ is var text && replace.Length > 0 ? text.Replace(replace, with) : text;

    private static StudySpec Parse(string text, StudySize size = StudySize.Full) => StudyFile.Parse(text, "s.json", ".", size);

    [Fact]
    public void ValidStudy_IsRead_WithToyParametersMergedAtToySizeOnly()
    {
        var full = Parse(Study());
        Assert.Equal("figure1", full.Kind);
        Assert.Single(full.Cases);
        Assert.Equal(64, full.Cases[0].Case.Grid.Cells[0]);
        Assert.Equal(2, full.ToyDivide);
        Assert.Equal([1, 0.1], full.Parameters.Numbers("times", "", _ => true, []));
        Assert.Equal(0.5, full.Parameters.Number("boundaryMargin", "", _ => true, 0));
        Assert.Equal(new Expectation("m", "it holds", 0.1, null, 0.3), full.Expectations[0]);
        var toy = Parse(Study(), StudySize.Toy);
        Assert.Equal([1, 0.5], toy.Parameters.Numbers("times", "", _ => true, []));
        Assert.Equal(0.5, toy.Parameters.Number("boundaryMargin", "", _ => true, 0));   // not overridden: kept
    }

    [Fact]
    public void CasePaths_AreResolvedAgainstTheStudyFile()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("cases"));
        Directory.CreateDirectory(dir.File("studies"));
        File.WriteAllText(dir.File("cases/c.json"), Case);
        File.WriteAllText(dir.File("studies/s.json"), Study($"\"case\": {Case}", "\"cases\": [\"../cases/c.json\"]"));
        var spec = StudyFile.Load(dir.File("studies/s.json"), StudySize.Full);
        Assert.Equal("../cases/c.json", spec.Cases[0].Source);
        Assert.Equal(dir.File("cases"), spec.Cases[0].BaseDirectory);
    }

    [Theory]
    [InlineData("\"kind\": \"figure1\",", "", "kind")]
    [InlineData("\"title\": \"T\",", "\"title\": \"T\", \"extra\": 1,", "extra")]
    [InlineData("{ \"measure\": \"m\", \"max\": 0.1, \"toyMax\": 0.3,", "{ \"measure\": \"m\",", "expect[0]")]
    [InlineData("\"max\": 0.1, \"toyMax\": 0.3,", "\"max\": \"small\",", "expect[0].max")]
    [InlineData("\"min\": 0.2, \"max\": 0.4,", "\"min\": 0.4, \"max\": 0.2,", "expect[1].max")]
    [InlineData("\"max\": 0.1, \"toyMax\": 0.3,", "\"min\": 0.1, \"toyMax\": 0.3,", "expect[0].toyMax")]
    [InlineData("\"says\": \"it holds\"", "\"said\": \"it holds\"", "expect[0].said")]
    [InlineData("\"divide\": 2", "\"divide\": 0", "toy.divide")]
    [InlineData("\"cells\": [64]", "\"cells\": [1]", "case (inline): grid.cells")]
    public void BadInput_IsNamedByItsKey(string replace, string with, string key)
    {
        var e = Assert.Throws<CaseInputException>(() => Parse(Study(replace, with)));
        Assert.Equal(key, e.Key);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void EmptyExpectations_AreRefused()
    {
        var text = Study();
        var e = Assert.Throws<CaseInputException>(() => Parse(text[..text.IndexOf("\"expect\"", StringComparison.Ordinal)] + "\"expect\": [] }"));
        Assert.Equal("expect", e.Key);
    }

    [Fact]
    public void MissingCaseFile_IsNamed()
    {
        var e = Assert.Throws<CaseInputException>(() => Parse(Study($"\"case\": {Case}", "\"cases\": [\"nowhere.json\"]")));
        Assert.Equal("cases[0]", e.Key);
        Assert.Contains("no such case file", e.Message);
    }

    [Fact]
    public void UnknownParameter_IsNamedWhenTheKindChecksItsKeys()
    {
        var parameters = Parse(Study("\"boundaryMargin\"", "\"boundaryMargn\"")).Parameters;
        var e = Assert.Throws<CaseInputException>(() => parameters.AllowOnly("times", "boundaryMargin"));
        Assert.Equal("parameters.boundaryMargn", e.Key);
        var bad = Assert.Throws<CaseInputException>(() => Parse(Study()).Parameters.Numbers("times", "must be > 1", x => x > 1, []));
        Assert.Equal("parameters.times", bad.Key);
    }
}
