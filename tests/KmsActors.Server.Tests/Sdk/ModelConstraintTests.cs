using KmsActors.Kms.Model;
using KmsActors.Server.Tests.Sdk.Constraints;
using Xunit.Sdk;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>
/// Every constraint the AWS model puts on a request member, for every operation, tried through the server with the AWS
/// SDK for .NET: the violating value gets exactly AWS's ValidationException, the values at the limit and just inside
/// get no ValidationException naming the member (docs/validation.md). The cases are made from KmsCatalogue at run time
/// (<see cref="ConstraintCases"/>); a value the SDK cannot carry goes as raw, SigV4-signed JSON.
/// </summary>
public sealed class ModelConstraintTests(ConstraintServerFixture fixture) : IClassFixture<ConstraintServerFixture>
{
    public static TheoryData<string> Cases => new(ConstraintCases.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task a_model_constraint_refuses_the_violating_value_and_lets_the_limit_and_just_inside_through(string constraint)
    {
        var @case = ConstraintCases.All[constraint];
        // The probes are independent (each names a key of its own): sent together, asserted in order.
        var answers = await Task.WhenAll(@case.Probes.Select(probe => Send(@case.Operation.Name, probe)));
        foreach (var (probe, (error, via)) in @case.Probes.Zip(answers))
        {
            var shown = $"{constraint}, {probe.Label} (sent {via} in {probe.Region})";
            if (probe.Expected.Count > 0)
            {
                var expected = ConstraintOracle.Message(probe.Expected);
                if (error is not { Code: "ValidationException" } || error.Value.Message != expected)
                    throw new XunitException($"{shown}:\nexpected ValidationException: {Shorten(expected)}\nactual: {Describe(error)}");
            }
            else if (error is { Code: "ValidationException" } refused && refused.Message.Contains($" at '{@case.Path}' ", StringComparison.Ordinal))
            {
                throw new XunitException($"{shown}: expected no violation of '{@case.Path}', got {Describe(error)}");
            }
        }
    }

    [Fact]
    public void every_operation_of_the_catalogue_has_constraint_cases()
    {
        var covered = ConstraintCases.All.Values.Select(@case => @case.Operation.Name).ToHashSet();

        Assert.Empty(KmsCatalogue.Operations.Keys.Where(operation => !covered.Contains(operation)));
    }

    [Fact]
    public void every_constraint_of_every_member_has_a_case()
    {
        var missing = new List<string>();
        foreach (var operation in KmsCatalogue.Operations.Values)
        {
            foreach (var (path, member) in Walk(operation.Members, ""))
            {
                var prefix = $"{operation.Name}.{path}.";
                void Expect(string constraint)
                {
                    if (!ConstraintCases.All.Keys.Any(name => name.StartsWith(prefix + constraint, StringComparison.Ordinal)))
                        missing.Add(prefix + constraint);
                }
                if (member.Required)
                    Expect("required");
                if (member.Min is { } min)
                    Expect($"min_{(member.Kind == MemberKind.Number ? "value" : "length")}_{min}");
                if (member.Max is { } max)
                    Expect($"max_{(member.Kind == MemberKind.Number ? "value" : "length")}_{max}");
                if (member.Pattern is not null)
                    Expect("pattern");
                if (member.Kind == MemberKind.Enum)
                    Expect("enum_value_set");
                if (member.Kind == MemberKind.Enum && Enum.GetNames(member.EnumType!).Any(ConstraintValues.ChinaOnlyEnumValues.Contains))
                    Expect("enum_sm2_only_in_china");
            }
        }

        Assert.Empty(missing);
    }

    /// <summary>Every member with its path in AWS's messages (list entries as the second entry).</summary>
    private static IEnumerable<(string Path, MemberSpec Member)> Walk(IReadOnlyList<MemberSpec> members, string prefix)
    {
        foreach (var member in members)
        {
            var path = prefix + member.WireName;
            yield return (path, member);
            foreach (var nested in Walk(member.Members, path + "."))
                yield return nested;
            if (member.Element is { } element)
            {
                if (element.Kind == MemberKind.Structure)
                {
                    foreach (var nested in Walk(element.Members, path + ".2.member."))
                        yield return nested;
                }
                else
                {
                    yield return (path + ".2.member", element);
                }
            }
        }
    }

    /// <summary>Through the SDK where it can carry the request, else as raw JSON.</summary>
    private async Task<((string Code, string Message)? Error, string Via)> Send(string operation, ConstraintProbe probe)
    {
        var client = fixture.Client(probe.Region);
        var body = await fixture.WithFreshKey(probe);
        if (SdkRequests.Build(operation, body, out var cannot) is { } request)
            return (await SdkRequests.Call(client, operation, request), "through the SDK");
        return (await fixture.Raw.Call(operation, body, probe.Region), $"as raw JSON because {cannot}");
    }

    private static string Describe((string Code, string Message)? error) =>
        error is { } e ? $"{e.Code}: {Shorten(e.Message)}" : "success";

    // A value at a limit of 131072 characters would drown the report.
    private static string Shorten(string message) => message.Length <= 2000 ? message : message[..1000] + " … " + message[^500..];
}
