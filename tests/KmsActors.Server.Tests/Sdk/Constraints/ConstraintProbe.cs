namespace KmsActors.Server.Tests.Sdk.Constraints;

/// <summary>One request of a constraint case: the request (a value tree in the model's member names: structures are
/// dictionaries, lists are lists, strings and enum values are strings, blobs byte arrays, numbers longs), the region it
/// is signed for, and the violations the model predicts for the member under test (empty: none).</summary>
/// <param name="Label">What the value is, e.g. "at max (4096)".</param>
public sealed record ConstraintProbe(string Label, Dictionary<string, object?> Request, string Region, IReadOnlyList<string> Expected);
