using Amazon.KeyManagementService;
using KmsActors.Kms.Model;
using KmsActors.Server.Tests.Sdk.Constraints;

namespace KmsActors.Server.Tests.Sdk;

/// <summary>The AWS SDK for .NET (generated from AWS's own model) has a request type and a property for every operation
/// and member of the catalogue, so every constraint case can go through it; where it has more, that is listed here.</summary>
public sealed class SdkModelCoverageTests(ConstraintServerFixture fixture) : IClassFixture<ConstraintServerFixture>
{
    [Fact]
    public void the_sdk_has_every_operation_and_member_of_the_catalogue()
    {
        var missing = new List<string>();
        foreach (var operation in KmsCatalogue.Operations.Values)
        {
            if (SdkRequests.RequestType(operation.Name) is not { } request)
                missing.Add($"{operation.Name}Request");
            else if (typeof(IAmazonKeyManagementService).GetMethod($"{operation.Name}Async", [request, typeof(CancellationToken)]) is null)
                missing.Add($"{operation.Name}Async");
            else
                Missing(operation.Name, request, operation.Members, missing);
        }

        Assert.Empty(missing);
    }

    [Fact]
    public void the_sdk_has_more_than_the_catalogue_only_where_its_model_is_newer()
    {
        var extra = new List<string>();
        var operations = typeof(IAmazonKeyManagementService).GetMethods()
            .Where(method => method.Name.EndsWith("Async", StringComparison.Ordinal) && method.GetParameters().Length == 2)
            .Select(method => method.Name[..^"Async".Length]).Distinct();
        foreach (var name in operations)
        {
            if (!KmsCatalogue.Operations.TryGetValue(name, out var operation))
                extra.Add(name);
            else
                extra.AddRange(SdkRequests.RequestType(name)!.GetProperties().Select(p => p.Name)
                    .Where(property => operation.Members.All(member => member.Name != property)).Select(property => $"{name}.{property}"));
        }

        // AWSSDK.KeyManagementService 4.1.1 is generated from a newer model than the botocore the catalogue comes
        // from: Encapsulate/Decapsulate, the grants' service principals and ListKeys' ResourceOwners. A model update
        // shows here.
        Assert.Equal(
            ["CreateGrant.GranteeServicePrincipal", "CreateGrant.RetiringServicePrincipal", "Decapsulate", "Encapsulate",
             "ListGrants.GranteeServicePrincipal", "ListKeys.ResourceOwners", "ListRetirableGrants.RetiringServicePrincipal"],
            extra.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task the_raw_signed_json_path_gets_the_same_answer_as_the_sdk_for_every_violation()
    {
        var differences = new List<string>();
        foreach (var @case in ConstraintCases.All.Values)
        {
            var violations = @case.Probes.Where(probe => probe.Expected.Count > 0).ToList();
            var answers = await Task.WhenAll(violations.Select(async probe =>
                await fixture.Raw.Call(@case.Operation.Name, await fixture.WithFreshKey(probe), probe.Region)));
            foreach (var (probe, answer) in violations.Zip(answers))
            {
                if (answer is not ("ValidationException", var message) || message != ConstraintOracle.Message(probe.Expected))
                    differences.Add($"{@case.Name}, {probe.Label}: {answer?.Code}: {answer?.Message?[..Math.Min(300, answer.Value.Message.Length)]}");
            }
        }

        Assert.Empty(differences);
    }

    private static void Missing(string at, Type sdkType, IReadOnlyList<MemberSpec> members, List<string> missing)
    {
        foreach (var member in members)
        {
            if (sdkType.GetProperty(member.Name) is not { } property)
            {
                missing.Add($"{at}.{member.Name}");
                continue;
            }
            if (member.Kind == MemberKind.Structure)
                Missing($"{at}.{member.Name}", property.PropertyType, member.Members, missing);
            if (member is { Kind: MemberKind.List, Element.Kind: MemberKind.Structure })
                Missing($"{at}.{member.Name}[]", property.PropertyType.GetGenericArguments()[0], member.Element.Members, missing);
        }
    }
}
