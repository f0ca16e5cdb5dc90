using System.Text.RegularExpressions;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The table of actions and condition keys, and docs/condition-keys.md, which must say the same.</summary>
public sealed class ConditionKeyTableTests
{
    [Fact]
    public void every_kms_operation_is_authorized_as_actions_of_the_table()
    {
        foreach (var operation in KmsOperations.All)
        {
            foreach (var action in KmsConditionKeys.ActionsOf(operation))
                Assert.True(KmsConditionKeys.Actions.ContainsKey(action), $"{operation}: no row for kms:{action}");
        }
    }

    [Fact]
    public void reencrypt_is_authorized_as_reencrypt_from_and_reencrypt_to()
    {
        Assert.Equal(["ReEncryptFrom", "ReEncryptTo"], KmsConditionKeys.ActionsOf("ReEncrypt"));
        Assert.Equal(["Encrypt"], KmsConditionKeys.ActionsOf("Encrypt"));
    }

    [Fact]
    public void building_the_context_of_reencrypt_itself_is_refused_with_the_two_actions_named()
    {
        var error = Assert.Throws<ArgumentException>(() => ContextFixture.Build("ReEncrypt", new ReEncryptRequest()));
        Assert.Contains("ReEncryptFrom", error.Message);
        Assert.Contains("ReEncryptTo", error.Message);
    }

    [Fact]
    public void an_unknown_action_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => KmsConditionKeys.ActionFor("kms:Frobnicate"));
        Assert.Contains("'kms:Frobnicate' is not a KMS action", error.Message);
    }

    [Fact]
    public void actions_are_found_with_or_without_the_service_prefix_in_any_case()
    {
        Assert.Same(KmsConditionKeys.Actions["Encrypt"], KmsConditionKeys.ActionFor("kms:encrypt"));
        Assert.Same(KmsConditionKeys.Actions["Encrypt"], KmsConditionKeys.ActionFor("Encrypt"));
    }

    [Fact]
    public void every_condition_key_of_the_table_has_a_type()
    {
        var keys = KmsConditionKeys.Actions.Values.SelectMany(a => a.AllConditionKeys).Concat(KmsConditionKeys.GlobalConditionKeys);
        foreach (var key in keys.Distinct())
            Assert.True(KmsConditionKeys.ConditionKeyTypes.ContainsKey(key), $"{key} has no type");
    }

    [Theory]
    [InlineData("kms:EncryptionContext:Department", "kms:EncryptionContext:${EncryptionContextKey}", KmsConditionKeys.ConditionKeyType.String, false)]
    [InlineData("aws:ResourceTag/team", "aws:ResourceTag/${TagKey}", KmsConditionKeys.ConditionKeyType.String, false)]
    [InlineData("KMS:VALIDTO", "kms:ValidTo", KmsConditionKeys.ConditionKeyType.Date, false)]
    [InlineData("kms:GrantOperations", "kms:GrantOperations", KmsConditionKeys.ConditionKeyType.String, true)]
    [InlineData("kms:RotationPeriodInDays", "kms:RotationPeriodInDays", KmsConditionKeys.ConditionKeyType.Numeric, false)]
    [InlineData("aws:SourceIp", "aws:SourceIp", KmsConditionKeys.ConditionKeyType.IpAddress, false)]
    public void a_concrete_key_name_is_described_by_its_family(string key, string family, KmsConditionKeys.ConditionKeyType type, bool multi)
    {
        var info = KmsConditionKeys.Describe(key);
        Assert.Equal(new KmsConditionKeys.ConditionKeyInfo(family, type, multi), info);
    }

    [Fact]
    public void an_unknown_key_has_no_description()
    {
        Assert.Null(KmsConditionKeys.Describe("kms:NoSuchKey"));
    }

    [Fact]
    public void key_resource_actions_have_the_keys_of_the_key_resource_and_keyless_actions_do_not()
    {
        Assert.True(KmsConditionKeys.Actions["Encrypt"].Applies("kms:KeySpec"));
        Assert.True(KmsConditionKeys.Actions["Encrypt"].Applies("aws:ResourceTag/team"));
        Assert.False(KmsConditionKeys.Actions["ListKeys"].Applies("kms:KeySpec"));
        Assert.False(KmsConditionKeys.Actions["Encrypt"].Applies("kms:GrantOperations"));
        Assert.True(KmsConditionKeys.Actions["ListKeys"].Applies("aws:PrincipalArn"));
    }

    [Fact]
    public void the_documented_actions_table_lists_the_same_resources_and_keys_as_the_code()
    {
        var rows = Section("table:actions").Skip(2).Select(Cells).ToList();
        var documented = rows.ToDictionary(r => Unquote(r[0]), r => (Resource: r[1], Keys: KeyList(r[2])));
        var coded = KmsConditionKeys.Actions.Values.ToDictionary(a => "kms:" + a.Action,
            a => (Resource: a.ResourceTypes.Count == 0 ? "*" : string.Join(", ", a.ResourceTypes), Keys: a.ConditionKeys.ToList()));

        Assert.Equal(coded.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (action, code) in coded)
        {
            Assert.True(code.Resource == documented[action].Resource, $"{action}: resource {documented[action].Resource} in the doc, {code.Resource} in the code");
            Assert.True(code.Keys.SequenceEqual(documented[action].Keys), $"{action}: keys differ between the doc and the code");
        }
    }

    [Fact]
    public void the_documented_key_resource_keys_are_the_code_s()
    {
        Assert.Equal(KmsConditionKeys.KeyResourceConditionKeys, Section("list:key-resource").Select(ListItem));
    }

    [Fact]
    public void the_documented_global_keys_are_the_code_s()
    {
        Assert.Equal(KmsConditionKeys.GlobalConditionKeys, Section("list:global").Select(ListItem));
    }

    [Fact]
    public void the_documented_key_types_are_the_code_s()
    {
        var documented = Section("table:types").Skip(2).Select(Cells)
            .Select(r => new KmsConditionKeys.ConditionKeyInfo(Unquote(r[0]), Enum.Parse<KmsConditionKeys.ConditionKeyType>(r[1]), r[2] == "multi"));
        Assert.Equal(KmsConditionKeys.ConditionKeyTypes.Values.OrderBy(k => k.Name, StringComparer.Ordinal),
            documented.OrderBy(k => k.Name, StringComparer.Ordinal));
    }

    private static IEnumerable<string> Section(string name)
    {
        var lines = RepositoryFiles.DocLines("condition-keys.md");
        var start = Array.IndexOf(lines, $"<!-- {name} -->");
        var end = Array.IndexOf(lines, $"<!-- /{name} -->");
        Assert.True(start >= 0 && end > start, $"docs/condition-keys.md has no section {name}");
        return lines[(start + 1)..end].Where(l => l.Length > 0);
    }

    private static string[] Cells(string row) => [.. row.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    private static List<string> KeyList(string cell) =>
        cell == "(none)" ? [] : [.. cell.Split(',').Select(k => Unquote(k.Trim()))];

    private static string ListItem(string line) => Unquote(Regex.Replace(line, @"^-\s*", ""));

    private static string Unquote(string text) => text.Trim('`');
}
