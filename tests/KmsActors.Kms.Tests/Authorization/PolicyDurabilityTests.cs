using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>Key policies are key state: a policy put before a restart still decides after it (SQLite journal).</summary>
public sealed class PolicyDurabilityTests
{
    private const string App = "arn:aws:iam::111122223333:role/app";

    [Fact]
    public async Task a_key_policy_put_before_a_restart_still_decides_after_it()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-policy-" + Guid.NewGuid().ToString("N"));
        var config = KmsTestKit.CreateConfig($$"""
            kms.journal.provider = sqlite
            kms.data-dir = "{{dataDir.Replace("\\", "/", StringComparison.Ordinal)}}"
            kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }
            kms.iam.principals = [ { arn = "{{App}}" } ]
            """);
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"{{App}}"},"Action":"kms:Encrypt","Resource":"*"}]}
            """;
        try
        {
            string keyId;
            var first = ActorSystem.Create("kms-policy-1", config);
            try
            {
                var engine = KmsEngine.Start(first);
                keyId = (await engine.CreateKey(new CreateKeyRequest())).KeyMetadata!.KeyId!;
                await engine.Send<EmptyResponse>(new PutKeyPolicyRequest { KeyId = keyId, Policy = policy });
                await engine.Settle();
            }
            finally
            {
                await first.Terminate();
            }

            var second = ActorSystem.Create("kms-policy-2", config);
            try
            {
                var engine = KmsEngine.Start(second);
                Assert.Equal(policy, (await engine.Send<GetKeyPolicyResponse>(new GetKeyPolicyRequest { KeyId = keyId })).Policy);
                var encrypted = await engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = [1] }, CallerIdentity.Of(App));
                Assert.EndsWith(keyId, encrypted.KeyId, StringComparison.Ordinal);
                var refused = await Assert.ThrowsAsync<KmsException>(() => engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }, CallerIdentity.Of(App)));
                Assert.Equal("AccessDeniedException", refused.ErrorCode);
            }
            finally
            {
                await second.Terminate();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }
}
