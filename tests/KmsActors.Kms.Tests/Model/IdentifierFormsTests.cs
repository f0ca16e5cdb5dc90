using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Model;

/// <summary>The identifier forms each KeyId-like member accepts, from the model's documentation, and
/// docs/identifiers.md, which must say the same.</summary>
public sealed class IdentifierFormsTests
{
    [Theory]
    [InlineData("EnableKeyRotation", "KeyId", KeyIdForms.KeyId | KeyIdForms.KeyArn)]
    [InlineData("PutKeyPolicy", "KeyId", KeyIdForms.KeyId | KeyIdForms.KeyArn)]
    [InlineData("TagResource", "KeyId", KeyIdForms.KeyId | KeyIdForms.KeyArn)]
    [InlineData("ImportKeyMaterial", "KeyId", KeyIdForms.KeyId | KeyIdForms.KeyArn)]
    [InlineData("CreateAlias", "TargetKeyId", KeyIdForms.KeyId | KeyIdForms.KeyArn)]
    [InlineData("Encrypt", "KeyId", KeyIdForms.Any)]
    [InlineData("ReEncrypt", "DestinationKeyId", KeyIdForms.Any)]
    [InlineData("VerifyMac", "KeyId", KeyIdForms.Any)]
    [InlineData("RetireGrant", "KeyId", KeyIdForms.KeyId | KeyIdForms.KeyArn)]
    [InlineData("ListKeys", "KeyId", KeyIdForms.None)]
    public void the_catalogue_knows_which_forms_a_member_accepts(string operation, string member, KeyIdForms expected) =>
        Assert.Equal(expected, KmsCatalogue.KeyIdFormsOf(operation, member));

    [Fact]
    public void every_operation_naming_a_key_is_in_the_docs_table_with_the_forms_it_accepts()
    {
        var lines = RepositoryFiles.DocLines("identifiers.md");
        var documented = new Dictionary<string, KeyIdForms>(StringComparer.Ordinal);
        foreach (var (prefix, forms) in new[] { ("| all four forms |", KeyIdForms.Any), ("| key ID or key ARN |", KeyIdForms.KeyId | KeyIdForms.KeyArn) })
        {
            var row = Assert.Single(lines, line => line.StartsWith(prefix, StringComparison.Ordinal));
            foreach (var entry in row[prefix.Length..].Trim().TrimEnd('|').Split(", "))
            {
                var name = entry.Split(' ')[0];
                var members = entry.Contains('(') ? entry[(entry.IndexOf('(') + 1)..entry.IndexOf(')')].Split(" and ") : ["KeyId"];
                foreach (var member in members)
                    documented[$"{name}.{member}"] = forms;
            }
        }
        var catalogue = KmsCatalogue.Operations.Values
            .SelectMany(operation => operation.Members.Where(m => m.KeyIdForms != KeyIdForms.None).Select(m => ($"{operation.Name}.{m.Name}", m.KeyIdForms)))
            .ToDictionary(entry => entry.Item1, entry => entry.KeyIdForms);
        Assert.Equal(catalogue.OrderBy(e => e.Key), documented.OrderBy(e => e.Key));
    }
}
