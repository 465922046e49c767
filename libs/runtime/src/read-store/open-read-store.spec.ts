import { mongoDatabaseOf } from './open-read-store';

describe('mongoDatabaseOf', () => {
  it.each([
    ['mongodb://localhost:27017/ledger', 'ledger'],
    ['mongodb://u:p@a:1,b:2/reads?replicaSet=rs0', 'reads'],
    ['mongodb+srv://cluster.example.net/prod?retryWrites=true', 'prod'],
    ['mongodb://localhost:27017', 'delivery_ledger'],
    ['mongodb://localhost:27017/?tls=false', 'delivery_ledger'],
  ])('%s → %s', (uri, database) => {
    expect(mongoDatabaseOf(uri)).toBe(database);
  });
});
