import { Module } from '@nestjs/common';
import { ApiModule } from '../api/api.module';
import { AdminTokenGuard } from './admin-token.guard';
import { OrganizationsController } from './organizations.controller';

@Module({
  imports: [ApiModule],
  controllers: [OrganizationsController],
  providers: [AdminTokenGuard],
})
export class AdminModule {}
