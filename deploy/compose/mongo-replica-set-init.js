/* global rs, db, print, sleep -- mongosh's shell globals */
// Run once by the mongo-rs-init service of `docker compose --profile scale`: makes mongo-rs-a, -b and -c
// the replica set rs0 (the name MONGODB_URI gives), and waits until it has a primary. Running it again
// on an initiated set changes nothing.
const members = ['mongo-rs-a:27017', 'mongo-rs-b:27017', 'mongo-rs-c:27017'];
try {
  rs.status();
  print('replica set rs0 already initiated');
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  rs.initiate({ _id: 'rs0', members: members.map((host, index) => ({ _id: index, host })) });
  print('replica set rs0 initiated');
}
const deadline = Date.now() + 60000;
while (!db.hello().isWritablePrimary && !rs.status().members.some((member) => member.stateStr === 'PRIMARY')) {
  if (Date.now() > deadline) throw new Error('rs0 has no primary after 60 s');
  sleep(500);
}
print('rs0 has a primary');
