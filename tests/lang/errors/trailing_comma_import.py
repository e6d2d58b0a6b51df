from gc import collect,
