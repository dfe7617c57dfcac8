namespace ActorVoice.Lab;

/// <summary>Full paths of what an experiment run wrote into its output folder.</summary>
public sealed record LabOutputFiles(string Csv, string Report, string CdfPlot, string StagePlot, string HitAgreementPlot);
