using System.Reflection;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Protocol;

namespace KmsActors.Kms.Tests.Audit;

/// <summary>No secret ever reaches an audit record: key material, plaintext, ciphertext, tokens, signatures, MACs, messages, private keys.</summary>
public sealed class AuditRedactionTests
{
    private static readonly byte[] Secret = "TOP-SECRET-MATERIAL"u8.ToArray();
    private const string SecretText = "TOP-SECRET-TEXT";

    public static TheoryData<Type> ModelRecords()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(KeyMetadata).Assembly.GetTypes()
                     .Where(t => t.Namespace == "KmsActors.Kms.Model" && t.IsClass && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null
                                 && (t.Name.EndsWith("Request", StringComparison.Ordinal) || t.Name.EndsWith("Response", StringComparison.Ordinal))))
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(ModelRecords))]
    public void no_blob_or_secret_member_of_any_request_or_response_reaches_the_record(Type type)
    {
        var record = Activator.CreateInstance(type)!;
        foreach (var member in type.GetProperties().Where(p => p.CanWrite))
        {
            if (member.PropertyType == typeof(byte[]))
                member.SetValue(record, Secret);
            else if (member.PropertyType == typeof(string) && AuditRedaction.SecretMembers.Contains(member.Name))
                member.SetValue(record, SecretText);
        }
        var command = new KmsCommand(type.Name.EndsWith("Request", StringComparison.Ordinal) ? record : new DescribeKeyRequest(), CallerIdentity.Root("111122223333"), "us-east-1", "r");
        var audit = AuditRecord.ForApiCall(command, record, null, DateTimeOffset.UnixEpoch, []);
        var json = AuditJson.Render(audit);

        Assert.DoesNotContain(Convert.ToBase64String(Secret), json);
        Assert.DoesNotContain(SecretText, json);
        foreach (var name in AuditRedaction.SecretMembers)
        {
            Assert.DoesNotContain($"\"{AuditRedaction.CamelName(name)}\"", json);
        }
    }

    [Fact]
    public void the_redaction_list_names_every_secret_member_aws_leaves_out_of_cloudtrail()
    {
        string[] secrets = ["Plaintext", "EncryptedKeyMaterial", "ImportToken", "PublicKey", "CiphertextBlob", "Signature", "Mac", "Message",
            "PrivateKeyPlaintext", "PrivateKeyCiphertextBlob", "CiphertextForRecipient", "SharedSecret", "KeyStorePassword"];
        Assert.All(secrets, name => Assert.Contains(name, AuditRedaction.SecretMembers));
    }

    [Fact]
    public void generate_data_key_pair_logs_its_spec_but_neither_private_nor_public_key()
    {
        var response = new GenerateDataKeyPairResponse
        {
            KeyId = "k", KeyPairSpec = DataKeyPairSpec.RSA_2048, PrivateKeyPlaintext = Secret, PrivateKeyCiphertextBlob = Secret, PublicKey = Secret,
        };
        Assert.Equal(new Dictionary<string, object?> { ["keyId"] = "k", ["keyPairSpec"] = "RSA_2048" }, AuditRedaction.ToMap(response));
        // In the audit record the response is not logged at all: GenerateDataKeyPair is read-only in CloudTrail.
        var audit = AuditRecord.ForApiCall(new KmsCommand(new GenerateDataKeyPairRequest { KeyId = "k" }, CallerIdentity.Root("111122223333"), "us-east-1", "r"),
            response, null, DateTimeOffset.UnixEpoch, []);
        Assert.Null(audit.ResponseElements);
    }
}
