namespace KmsActors.Samples.LoadSimulation;

/// <summary>The command line: the scenario plus what to do with the results.</summary>
public sealed record Options(Scenario Scenario, string? JsonPath, string? AuditPath, bool Plain, bool Help);
