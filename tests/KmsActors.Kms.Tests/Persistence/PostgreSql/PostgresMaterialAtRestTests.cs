using System.Collections;
using Akka.Actor;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using Npgsql;

namespace KmsActors.Kms.Tests.Persistence.PostgreSql;

/// <summary>Material data keys in the PostgreSQL database of the journal: stored with the import, used after a restart, deleted with the material.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMaterialAtRestTests(PostgresServerFixture server)
{
    [PostgresFact]
    public async Task imported_material_opens_after_a_restart_and_deleting_it_deletes_its_data_key_row()
    {
        var config = KmsConfiguration.Load(
            $"""
            kms.journal.provider = postgresql
            kms.journal.connection-string = "{server.ConnectionString}"
            kms.persistence.master-key = "{Convert.ToBase64String(new byte[32])}"
            kms.import.pool {"{"} RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 {"}"}
            akka.loglevel = WARNING
            """, environment: new Hashtable());
        string arn;
        byte[] ciphertext;
        var first = ActorSystem.Create("pg-seal-1", config);
        try
        {
            var engine = KmsEngine.Start(first);
            arn = (await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata!.Arn!;
            var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
            {
                KeyId = arn, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
            });
            await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
            {
                KeyId = arn, ImportToken = parameters.ImportToken, ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
                EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)),
            });
            ciphertext = (await engine.Encrypt(new EncryptRequest { KeyId = arn, Plaintext = [1, 2, 3] })).CiphertextBlob!;
            Assert.Equal(1, await DataKeyRows(arn));
        }
        finally
        {
            await first.Terminate();
        }

        var second = ActorSystem.Create("pg-seal-2", config);
        try
        {
            var engine = KmsEngine.Start(second);
            Assert.Equal([1, 2, 3], (await engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);

            await engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = arn });

            Assert.Equal(0, await DataKeyRows(arn));
            Assert.Equal(KeyState.PendingImport, (await engine.DescribeKey(new DescribeKeyRequest { KeyId = arn })).KeyMetadata!.KeyState);
        }
        finally
        {
            await second.Terminate();
        }
    }

    private async Task<long> DataKeyRows(string keyArn)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM material_data_key WHERE key_arn = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = keyArn });
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
