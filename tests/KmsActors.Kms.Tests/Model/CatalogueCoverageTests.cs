using System.Reflection;
using System.Text.RegularExpressions;
using KmsActors.Hosting;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using KmsActors.Kms.Realism;
using KmsActors.Kms.Tests.Keys;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Model;

/// <summary>
/// Every operation of the generated catalogue has its row of facts (Model/KmsCatalogue.Facts.cs), and every place that
/// treats operations differently agrees with those rows: the key-state table, the audit name, the quotas of
/// reference.conf, the type switches that dispatch calls, authorization and the typed façades (docs/catalogue.md).
/// Adding an operation to the model without its row, or a row without what it needs, fails here.
/// </summary>
public sealed class CatalogueCoverageTests
{
    private static IEnumerable<OperationFacts> AllFacts => KmsCatalogue.Facts.Values;

    private static IReadOnlyList<string> Where(Func<OperationFacts, bool> facet) => KmsCatalogue.OperationsWhere(facet);

    [Fact]
    public void every_operation_of_the_model_has_exactly_one_row_of_facts()
    {
        Assert.Equal(KmsCatalogue.Operations.Keys.Order(StringComparer.Ordinal), KmsCatalogue.Facts.Keys.Order(StringComparer.Ordinal));
        Assert.All(AllFacts, facts => Assert.Same(facts, KmsCatalogue.FactsOf(NewRequest(facts.Name))));
    }

    [Fact]
    public void every_operations_audit_event_name_is_its_name_in_the_model()
    {
        var differences = AllFacts
            .Select(facts => (facts.Name, EventName: KmsCommand.OperationOf(NewRequest(facts.Name))))
            .Where(pair => pair.Name != pair.EventName);

        Assert.Empty(differences);
    }

    [Fact]
    public void every_operation_has_a_key_state_row_or_names_no_key_the_region_answers_for()
    {
        var key = TestKeys.External(KeyState.Enabled);
        var withRow = KmsOperations.All.Where(operation => HasStateRow(key, operation));

        Assert.Equal(Where(facts => facts.StateRow), withRow);
        // Every operation a key actor answers checks the key's state; those without a row are the region's own
        // (no key, or the alias index) or not implemented.
        Assert.Empty(AllFacts.Where(facts => !facts.StateRow && facts.Handler == OperationHandler.Key).Select(facts => facts.Name));
    }

    [Fact]
    public void every_operation_has_a_quota_with_a_rate_in_reference_conf()
    {
        var settings = RealismSettings.From(KmsConfiguration.Load(profiles: ["testkit"], environment: new System.Collections.Hashtable()));
        var quotas = new RequestQuotas(settings, new KnownKeys());
        var missing = new List<string>();
        foreach (var facts in AllFacts)
        {
            var request = NewRequest(facts.Name);
            switch (facts.Quota)
            {
                case QuotaClass.Operation when !settings.OperationQuotas.ContainsKey(facts.Name):
                    missing.Add($"{facts.Name}: no kms.realism.quotas.operations.{facts.Name}");
                    break;
                case QuotaClass.DataKeyPair:
                    foreach (var spec in Enum.GetValues<DataKeyPairSpec>())
                    {
                        Set(request, "KeyPairSpec", spec);
                        if (quotas.QuotaOf(facts.Name, request) != RequestQuotas.DataKeyPairQuota(spec))
                            missing.Add($"{facts.Name} ({spec}): no kms.realism.quotas.data-key-pairs.{spec}");
                    }
                    break;
            }
            if (quotas.QuotaOf(facts.Name, request) is null)
                missing.Add($"{facts.Name}: charged to no quota");
        }
        missing.AddRange(RealismSettings.SharedQuotaNames.Where(name => !settings.SharedQuotas.ContainsKey(name)).Select(name => $"shared quota {name}: no rate"));

        Assert.Empty(missing);
    }

    [Fact]
    public void the_cryptographic_operations_are_read_only_in_cloudtrail_as_are_describe_list_and_get()
    {
        var cryptographic = Where(facts => facts.Quota != QuotaClass.Operation);
        var expected = KmsOperations.All.Where(operation => operation.StartsWith("Describe", StringComparison.Ordinal)
            || operation.StartsWith("List", StringComparison.Ordinal) || operation.StartsWith("Get", StringComparison.Ordinal)
            || cryptographic.Contains(operation)).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Where(facts => facts.ReadOnly));
        Assert.All(KmsOperations.All, operation => Assert.Equal(KmsCatalogue.Facts[operation].ReadOnly, KmsActors.Kms.Audit.AuditRecord.IsReadOnly(operation)));
    }

    [Fact]
    public void the_keys_direct_path_answers_exactly_the_operations_its_crypto_dispatch_handles()
    {
        var dispatched = CasesOf("Keys/KeyActor.Crypto.cs", "HandleCrypto", @"(\w+)Request r =>");

        Assert.Equal(Where(facts => facts.NeverPersists), dispatched);
        Assert.All(Where(facts => facts.NeverPersists), operation => Assert.Equal(operation != "GetPublicKey", KmsCatalogue.Facts[operation].Usage is not null));
        Assert.Empty(Where(facts => !facts.NeverPersists && facts.Usage is not null));
    }

    [Fact]
    public void the_keys_direct_path_answers_besides_the_crypto_operations_only_reads_its_rules_decide()
    {
        var besides = Where(facts => facts.AnsweredDirectly && !facts.NeverPersists);

        Assert.Equal(["DescribeKey"], besides);
        Assert.All(besides, operation => Assert.True(KmsCatalogue.Facts[operation] is { ReadOnly: true, DecidedByRules: true }));
    }

    [Fact]
    public void key_usage_is_checked_for_exactly_the_direct_path_operations()
    {
        var key = TestKeys.External(KeyState.Enabled);
        var checkedOperations = KmsOperations.All.Where(operation => IsUsageChecked(key, operation));

        Assert.Equal(Where(facts => facts.NeverPersists), checkedOperations);
    }

    [Fact]
    public void key_rules_decide_exactly_the_operations_their_switch_handles()
    {
        var decided = CasesOf("Keys/KeyRules.cs", "Decide", @"(\w+)Request r =>").Append("CreateKey").Order(StringComparer.Ordinal);

        Assert.Equal(Where(facts => facts.DecidedByRules), decided);
        Assert.All(AllFacts, facts => Assert.Equal(facts.DecidedByRules, KeyRules.Decides(NewRequest(facts.Name))));
    }

    [Fact]
    public void a_key_actor_answers_every_key_operation_by_its_rules_its_grants_or_its_direct_path()
    {
        var grants = CasesOf("Keys/KeyActor.Commands.cs", "OnKmsCommand", @"case ((?:\w+Request(?: or )?)+): OnGrantCommand")
            .SelectMany(cases => cases.Split(" or ")).Select(type => type[..^"Request".Length]);
        var answered = Where(facts => facts.DecidedByRules && facts.Handler == OperationHandler.Key)
            .Concat(Where(facts => facts.NeverPersists)).Concat(grants).Order(StringComparer.Ordinal);

        Assert.Equal(Where(facts => facts.Handler == OperationHandler.Key), answered);
    }

    [Fact]
    public void the_region_answers_exactly_the_region_operations_and_forwards_the_rest()
    {
        var dispatched = CasesOf("Regions/RegionActor.cs", "Handle", @"case (\w+)Request request:")
            .Where(operation => operation != "CreateKeyWithId"); // the engine's own CreateKey with a chosen ID (seeding)

        Assert.Equal(Where(facts => facts.Handler == OperationHandler.Region), dispatched.Order(StringComparer.Ordinal));
        Assert.All(Where(facts => facts.RegionPipeline), operation => Assert.Equal(OperationHandler.Region, KmsCatalogue.Facts[operation].Handler));
    }

    [Fact]
    public void keyless_operations_are_those_authorized_on_no_resource()
    {
        var implemented = AllFacts.Where(facts => facts.Handler != OperationHandler.Unsupported);
        var onNoResource = implemented.Where(facts => KmsConditionKeys.Actions[facts.Name == "ReEncrypt" ? "ReEncryptFrom" : facts.Name].ResourceTypes.Count == 0).Select(facts => facts.Name);

        Assert.Equal(Where(facts => facts.Keyless), onNoResource.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void every_implemented_operation_has_a_typed_call_on_the_engine_and_the_hosted_client()
    {
        var implemented = Where(facts => facts.Handler != OperationHandler.Unsupported);

        Assert.Equal(implemented, TypedCalls(typeof(KmsEngine)));
        Assert.Equal(implemented, TypedCalls(typeof(IKmsClient))); // KmsClient implements it, so has them all
    }

    /// <summary>The operations a type has a public method for: named as the operation, taking its request record.</summary>
    private static IReadOnlyList<string> TypedCalls(Type type) =>
        [.. type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => KmsCatalogue.FactsOf(method.Name) is not null
                && method.GetParameters().FirstOrDefault()?.ParameterType == KmsCatalogue.Operations[method.Name].Input)
            .Select(method => method.Name).Distinct().Order(StringComparer.Ordinal)];

    private static object NewRequest(string operation) =>
        Activator.CreateInstance(KmsCatalogue.Operations[operation].Input ?? throw new InvalidOperationException($"{operation} has no request record"))!;

    private static void Set(object request, string property, object value) => request.GetType().GetProperty(property)!.SetValue(request, value);

    private static bool HasStateRow(KmsKey key, string operation)
    {
        try
        {
            KeyRules.CheckState(key, operation);
            return true;
        }
        catch (KmsException)
        {
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsUsageChecked(KmsKey key, string operation)
    {
        try
        {
            KeyRules.CheckUsable(key, operation);
            return true;
        }
        catch (KmsException)
        {
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The operations a type switch of src/KmsActors.Kms/<paramref name="file"/> names, read from the method
    /// <paramref name="method"/>: the switches stay (pattern matching on the record is the fast dispatch), and this
    /// proves they cover what the catalogue's facts say.</summary>
    private static IReadOnlyList<string> CasesOf(string file, string method, string pattern)
    {
        var source = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "KmsActors.Kms", file));
        var start = Regex.Match(source, $@"\s{method}\((KmsCommand|KmsKey\?) ");
        Assert.True(start.Success, $"{file} has no method {method}");
        var end = source.IndexOf("\n    }\n", start.Index, StringComparison.Ordinal);
        var body = source[start.Index..end];
        return [.. Regex.Matches(body, pattern).Select(match => match.Groups[1].Value).Order(StringComparer.Ordinal)];
    }
}
